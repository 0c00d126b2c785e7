import { useEffect, useEffectEvent, useRef, type ReactNode, type RefObject } from 'react'

/**
 * A native modal <dialog>, open while mounted: Escape and a click on the backdrop close it
 * through onClose (the owner unmounts it), so the page decides what closing means.
 */
export function ModalDialog(props: {
  className: string
  labelledBy: string
  onClose: () => void
  /** Runs once the dialog is open, e.g. to put the focus somewhere better than its first button. */
  onOpen?: () => void
  dialogRef?: RefObject<HTMLDialogElement | null>
  children: ReactNode
}) {
  const { className, labelledBy, onClose, onOpen, children } = props
  const ownRef = useRef<HTMLDialogElement>(null)
  const dialogRef = props.dialogRef ?? ownRef

  const opened = useEffectEvent(() => onOpen?.())
  useEffect(() => {
    const dialog = dialogRef.current
    if (dialog && !dialog.open) dialog.showModal()
    opened()
    return () => dialog?.close()
  }, [dialogRef])

  return (
    <dialog
      ref={dialogRef}
      className={className}
      aria-labelledby={labelledBy}
      onCancel={(event) => {
        event.preventDefault()
        onClose()
      }}
      onClick={(event) => {
        // A click on the backdrop lands on the dialog element itself.
        if (event.target === event.currentTarget) onClose()
      }}
    >
      {children}
    </dialog>
  )
}
