/**
 * Turns a failed tRPC call into what a form shows: one message per field (from the server's
 * `error.data.field`, or zod's field errors) and a form-level message for the rest.
 */

interface ErrorShape {
  message?: unknown;
  data?: {
    field?: unknown;
    zodError?: { fieldErrors?: Record<string, string[] | undefined>; formErrors?: string[] } | null;
    requestId?: unknown;
    code?: unknown;
  } | null;
}

export interface FormErrors {
  fields: Record<string, string>;
  /** Shown above the form when no field took the message. */
  form: string | undefined;
}

/** "Invalid input for field 'name': must not be empty" reads as "must not be empty" under Name. */
function withoutFieldPrefix(message: string, field: string): string {
  const prefix = `Invalid input for field '${field}': `;
  const rest = message.startsWith(prefix) ? message.slice(prefix.length) : message;
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/**
 * `aliases` maps server field names to the form's (`parent_id` → `parentId`); fields the form
 * does not have (`known`) fall back to the form-level message.
 */
export function formErrorsOf(
  error: unknown,
  known: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
  /** The field a 409 is about (a duplicate name), so the message sits under it. */
  conflictField?: string,
): FormErrors {
  const e = (error ?? {}) as ErrorShape;
  const message = typeof e.message === 'string' && e.message ? e.message : 'Something went wrong.';
  const fields: Record<string, string> = {};
  const zodFields = e.data?.zodError?.fieldErrors ?? {};
  for (const [name, messages] of Object.entries(zodFields)) {
    const key = aliases[name] ?? name;
    const first = messages?.[0];
    if (first && known.includes(key)) fields[key] = first;
  }
  const field = typeof e.data?.field === 'string' ? e.data.field : undefined;
  if (field) {
    const key = aliases[field] ?? field.split('.').at(-1) ?? field;
    if (known.includes(key)) fields[key] = withoutFieldPrefix(message, field);
  }
  if (conflictField && e.data?.code === 'CONFLICT' && Object.keys(fields).length === 0) fields[conflictField] = message;
  const form = Object.keys(fields).length > 0 ? undefined : (e.data?.zodError?.formErrors?.[0] ?? message);
  return { fields, form };
}
