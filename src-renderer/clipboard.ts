/** Copies text for the clerk to paste; falls back to a hidden field where the Clipboard API is refused. */
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // Older shells or a denied permission: the selection-based copy still works on a user action.
  }
  const field = document.createElement('textarea');
  field.value = text;
  field.setAttribute('readonly', '');
  field.className = 'visually-hidden';
  document.body.appendChild(field);
  field.select();
  const ok = document.execCommand('copy');
  field.remove();
  if (!ok) throw new Error('Impossible de copier dans le presse-papiers. Sélectionnez le texte et utilisez Ctrl+C.');
}
