/**
 * The messages the Hermes reference loop (NousResearch/Hermes-Function-Calling, functioncall.py)
 * sends back in the tool turn when a call goes wrong, word for word; the template adds the
 * surrounding `<tool_response>` tags. The model was tuned on this loop, so it knows to retry.
 */

const RETRY_CALL =
  'Please call this function again with correct arguments within XML tags <tool_call></tool_call>';

/** Some `<tool_call>` body of the message could not be read (nothing in it is run). */
export function parseErrorFeedback(errors: readonly string[]): string {
  return (
    'There was an error parsing function calls\n' +
    ` Here's the error stack trace: ${errors.join('\n')}\n` +
    'Please call the function again with correct syntax'
  );
}

/** Unknown tool or arguments that do not match its schema. */
export function validationFeedback(name: string, message: string): string {
  return (
    `There was an error validating function call against function signature: ${name}\n` +
    `Here's the error traceback: ${message}\n${RETRY_CALL}`
  );
}

/** The tool threw, timed out or was stopped. */
export function executionFeedback(name: string, message: string): string {
  return (
    `There was an error when executing the function: ${name}\n` +
    `Here's the error traceback: ${message}\n${RETRY_CALL}`
  );
}

export function maxDepthNotice(maxDepth: number): string {
  return (
    `The tool loop stopped after ${maxDepth} tool turn${maxDepth === 1 ? '' : 's'} (its maximum ` +
    'depth); the last tool results were not sent back to the model.'
  );
}

export const NOT_RUN_AFTER_PARSE_ERROR =
  'Not run: another tool call in the same message could not be parsed, so the parse error was ' +
  'sent back instead (as the reference loop does).';
