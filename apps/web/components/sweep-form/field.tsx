import type { FormErrors } from '@/lib/sweep-form';

export const input =
  'w-full rounded border border-slate-300 px-2 py-1 text-sm aria-[invalid=true]:border-red-500';

export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="mt-0.5 text-xs text-red-700">
      {message}
    </p>
  );
}

/** A labelled control with its error below; `field` is the API's path for the value. */
export function Field({
  label,
  field,
  errors,
  touched,
  hint,
  children,
}: {
  label: string;
  field: string;
  errors: FormErrors;
  touched: boolean;
  /** A line under the control (a setting's help and range), read with it by screen readers. */
  hint?: React.ReactNode;
  children: (props: {
    id: string;
    'aria-invalid': boolean;
    'aria-describedby'?: string;
  }) => React.ReactNode;
}) {
  const id = `f-${field.replace(/\W/g, '-')}`;
  const error = touched ? errors[field] : undefined;
  return (
    <div>
      <label htmlFor={id} className="mb-0.5 block text-xs font-medium text-slate-600">
        {label}
      </label>
      {children({
        id,
        'aria-invalid': Boolean(error),
        'aria-describedby':
          [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined,
      })}
      {hint && (
        <p id={`${id}-hint`} className="mt-0.5 text-xs text-slate-500">
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
