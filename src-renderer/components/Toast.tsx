import { useCallback, useEffect, useState } from 'react';

/** Short confirmations ("N° dossier copié") that do not steal focus. */
export function useToast() {
  const [message, setMessage] = useState<{ text: string; tone: 'info' | 'error'; at: number } | null>(null);
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => setMessage(null), message.tone === 'error' ? 8000 : 3000);
    return () => clearTimeout(timer);
  }, [message]);
  const show = useCallback((text: string, tone: 'info' | 'error' = 'info') => setMessage({ text, tone, at: Date.now() }), []);
  const view = (
    <div className={`toast ${message?.tone ?? ''}`} role={message?.tone === 'error' ? 'alert' : 'status'} aria-live="polite">
      {message?.text}
    </div>
  );
  return { show, view };
}
