// A labelled form field with its error beside it (react-hook-form registers the control).
import type { ReactNode } from 'react';
import type { FieldError } from 'react-hook-form';

export function Field({ id, label, error, children }: { id: string; label: string; error?: FieldError | undefined; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error.message}
        </p>
      )}
    </div>
  );
}
