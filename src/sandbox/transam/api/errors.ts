/**
 * An exception inside a Rails action. TransAM's API controller rescues every exception and answers
 * 500 with a JSend `error` envelope [C json_response_helper.rb], so client mistakes such as a
 * missing root key or an authorization failure come back as 500s.
 */
export class RailsException extends Error {
  constructor(
    /** The Ruby class name, e.g. `ActionController::ParameterMissing`. */
    readonly type: string,
    message: string,
    /** The app frame the backtrace starts at, e.g. `app/controllers/api/v1/assets_controller.rb:40:in 'update'`. */
    readonly frame?: string,
  ) {
    super(message)
  }
}

/** CanCan's default message [C the source's own TODO says it should have been a 401]. */
export function accessDenied(frame?: string): RailsException {
  return new RailsException(
    'CanCan::AccessDenied',
    'You are not authorized to access this page.',
    frame,
  )
}

export function parameterMissing(key: string, frame?: string): RailsException {
  return new RailsException(
    'ActionController::ParameterMissing',
    `param is missing or the value is empty: ${key}`,
    frame,
  )
}

export function recordInvalid(fullMessages: readonly string[], frame?: string): RailsException {
  return new RailsException(
    'ActiveRecord::RecordInvalid',
    `Validation failed: ${fullMessages.join(', ')}`,
    frame,
  )
}

export function noMethodError(method: string, receiver: string, frame?: string): RailsException {
  return new RailsException('NoMethodError', `undefined method \`${method}' for ${receiver}`, frame)
}

/** What Rails raises when an action has only a JSON template and the request wants another format. */
export function unknownFormat(controllerAction: string, formats: readonly string[]) {
  return new RailsException(
    'ActionController::UnknownFormat',
    `${controllerAction} is missing a template for this request format and variant.\n\n` +
      `request.formats: ${JSON.stringify(formats)}\nrequest.variant: []`,
  )
}

const GEM_FRAMES = [
  "/usr/local/bundle/gems/actionpack-5.2.8.1/lib/action_controller/metal/basic_implicit_render.rb:6:in `send_action'",
  "/usr/local/bundle/gems/actionpack-5.2.8.1/lib/abstract_controller/base.rb:194:in `process_action'",
  "/usr/local/bundle/gems/actionpack-5.2.8.1/lib/action_controller/metal/rendering.rb:30:in `process_action'",
  "/usr/local/bundle/gems/actionpack-5.2.8.1/lib/abstract_controller/callbacks.rb:42:in `block in process_action'",
  "/usr/local/bundle/gems/activesupport-5.2.8.1/lib/active_support/callbacks.rb:132:in `run_callbacks'",
  "/usr/local/bundle/gems/actionpack-5.2.8.1/lib/action_controller/metal/rescue.rb:22:in `process_action'",
]

/** The body of a 500: `{message, data: {type, message, backtrace}, status: "error"}` [C]. */
export function errorEnvelope(exception: RailsException, backtrace: boolean) {
  const data: Record<string, unknown> = { type: exception.type, message: exception.message }
  if (backtrace) data['backtrace'] = [...(exception.frame ? [exception.frame] : []), ...GEM_FRAMES]
  return { message: exception.message, data, status: 'error' }
}

/** The 401 every authenticated action gives without a valid email and token pair [C]. */
export const UNAUTHENTICATED_BODY = {
  status: 'fail',
  data: { user: 'Valid email and token must be present.' },
}
