export function StartupErrorScreen(props: { title: string; message: string; hint: string }) {
  return (
    <div className="startup-error" role="alert">
      <h1>{props.title}</h1>
      <p className="startup-error-message">{props.message}</p>
      <p className="startup-error-hint">{props.hint}</p>
    </div>
  )
}
