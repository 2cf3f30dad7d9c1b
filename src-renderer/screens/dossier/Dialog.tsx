import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal <dialog>: focus stays inside, Échap closes it (through `onClose`), the element
 * marked data-autofocus gets the focus on opening, and the control that opened it gets it back on
 * closing (if still on screen), so a keyboard user carries on where they were.
 */
export function Dialog({ title, children, onClose }: { title: string; children: ReactNode; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current!;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    const onCancel = (e: Event) => {
      e.preventDefault();
      onCloseRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      // React removes the element before this runs, so the browser's own restore does not happen.
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog ref={ref} className="dossier-dialog" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}

/** True while any modal dialog is open: the screen's own shortcuts then stand aside. */
export const dialogOpen = () => document.querySelector('dialog[open]') !== null;
