// A keyboard-operable menu (role="menu"): arrows move, Enter runs, Esc closes; disabled items stay
// visible with the reason as their tooltip.
import { useEffect, useRef, useState } from 'react';

export interface MenuItem {
  id: string;
  label: string;
  /** true, or why the item is disabled. */
  enabled: true | string;
  run(): void;
}

export function ContextMenu({ x, y, items, onClose }: { x: number; y: number; items: MenuItem[]; onClose(): void }) {
  const menu = useRef<HTMLUListElement>(null);
  const [active, setActive] = useState(() => Math.max(0, items.findIndex((i) => i.enabled === true)));

  useEffect(() => {
    menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')[active]?.focus();
  }, [active]);

  useEffect(() => {
    const away = (e: MouseEvent) => {
      if (!menu.current?.contains(e.target as Node)) onClose();
    };
    window.addEventListener('mousedown', away);
    return () => window.removeEventListener('mousedown', away);
  }, [onClose]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    const move = (delta: number) => setActive((a) => (a + delta + items.length) % items.length);
    if (e.key === 'ArrowDown') move(1);
    else if (e.key === 'ArrowUp') move(-1);
    else if (e.key === 'Home') setActive(0);
    else if (e.key === 'End') setActive(items.length - 1);
    else if (e.key === 'Escape' || e.key === 'Tab') onClose();
    else if (e.key === 'Enter' || e.key === ' ') {
      const item = items[active];
      if (item && item.enabled === true) {
        onClose();
        item.run();
      }
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  // Keep the menu inside the window.
  const left = Math.min(x, window.innerWidth - 260);
  const top = Math.min(y, window.innerHeight - items.length * 30 - 16);
  return (
    <ul ref={menu} role="menu" aria-label="Actions sur le dossier" className="context-menu" style={{ left, top }} onKeyDown={onKeyDown}>
      {items.map((item, i) => (
        <li
          key={item.id}
          role="menuitem"
          tabIndex={i === active ? 0 : -1}
          aria-disabled={item.enabled !== true}
          title={item.enabled === true ? undefined : item.enabled}
          onMouseEnter={() => setActive(i)}
          onClick={() => {
            if (item.enabled !== true) return;
            onClose();
            item.run();
          }}
        >
          {item.label}
        </li>
      ))}
    </ul>
  );
}
