import { useEffect, useRef, useState } from 'react';
import { navigate } from '../../routes';

export interface LeaveGuard {
  /** Where the clerk asked to go while changes were unsaved; the dialog is open while set. */
  pendingHref: string | null;
  /** Goes to `href`, or asks first when there are unsaved changes. */
  requestLeave(href: string): void;
  /** Leaves for the pending destination, dropping the changes. */
  leave(): void;
  stay(): void;
  /** Goes to `href` without asking: the changes are saved (e.g. the dossier was just created). */
  proceed(href: string): void;
}

/** The mounted screen's check; true when it holds the navigation back. */
let activeGuard: ((e: HashChangeEvent) => boolean) | null = null;

// Installed when this module loads, before the router's listener (App mounts after its imports):
// listeners on window run in registration order, so this one can stop a navigation before the
// router sees it. A link, the sidebar, Back or a shortcut all end in a hashchange.
if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', (e) => {
    if (activeGuard?.(e)) e.stopImmediatePropagation();
  });
}

/**
 * Unsaved changes are never lost on navigation: leaving a dirty form puts the address back and
 * asks the clerk. Closing or reloading the window is guarded by `beforeunload`.
 */
export function useLeaveGuard(dirty: boolean): LeaveGuard {
  const [pendingHref, setPendingHref] = useState<string | null>(null);
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  const allowNext = useRef(false);

  useEffect(() => {
    const guard = (e: HashChangeEvent) => {
      if (allowNext.current || !dirtyRef.current) {
        allowNext.current = false;
        return false;
      }
      const target = window.location.hash;
      window.history.replaceState(window.history.state, '', e.oldURL);
      setPendingHref(target);
      return true;
    };
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!dirtyRef.current) return;
      e.preventDefault();
      e.returnValue = '';
    };
    activeGuard = guard;
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      if (activeGuard === guard) activeGuard = null;
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, []);

  const go = (href: string) => {
    if (window.location.hash === href) return;
    allowNext.current = true;
    navigate(href);
  };

  return {
    pendingHref,
    requestLeave: (href) => (dirtyRef.current ? setPendingHref(href) : go(href)),
    leave: () => {
      const href = pendingHref;
      setPendingHref(null);
      if (href !== null) go(href);
    },
    stay: () => setPendingHref(null),
    proceed: go,
  };
}
