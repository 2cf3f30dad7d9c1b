/** The French sentence under a field; the field points to it with aria-describedby. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <span id={id} className="dossier-field-error">
      {message}
    </span>
  );
}

/** Props that tie an input to its error message. */
export function describedBy(id: string, message: string | undefined) {
  return message ? { 'aria-invalid': true as const, 'aria-describedby': id } : {};
}
