/** Keys → what they do. Pure, so that the mapping is one readable table. */

export type Action =
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'first' }
  | { type: 'last' }
  | { type: 'fullscreen' }
  | { type: 'start' }
  | { type: 'overview' }
  | { type: 'escape' }
  | { type: 'black' }
  | { type: 'presenter' }
  | { type: 'reading' }
  | { type: 'reset-timer' }
  | { type: 'larger' }
  | { type: 'smaller' }
  | { type: 'digit'; digit: string }
  | { type: 'enter' }
  | { type: 'backspace' };

export interface KeyLike {
  key: string;
  shiftKey: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

export function keyAction(e: KeyLike): Action | undefined {
  if (e.altKey || e.ctrlKey || e.metaKey) return undefined;
  switch (e.key) {
    case 'ArrowRight':
    case 'ArrowDown':
    case 'PageDown':
      return { type: 'next' };
    case ' ':
    case 'Spacebar':
      return { type: e.shiftKey ? 'previous' : 'next' };
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'PageUp':
      return { type: 'previous' };
    case 'Home':
      return { type: 'first' };
    case 'End':
      return { type: 'last' };
    case 'f':
    case 'F':
      return { type: 'fullscreen' };
    // A clicker's "start/stop show" key sends F5 (or Shift+F5) and Esc in turn: F5 starts the show
    // (full screen, never a reload), Esc only leaves what is open. Neither shows the overview.
    case 'F5':
      return { type: 'start' };
    case 'o':
    case 'O':
      return { type: 'overview' };
    case 'Escape':
    case 'Esc':
      return { type: 'escape' };
    // A clicker's "black screen" key sends b or a full stop.
    case 'b':
    case 'B':
    case '.':
      return { type: 'black' };
    case '+':
    case '=':
      return { type: 'larger' };
    case '-':
    case '_':
      return { type: 'smaller' };
    case 'p':
    case 'P':
      return { type: 'presenter' };
    // V: the reading view (R is the presenter's timer).
    case 'v':
    case 'V':
      return { type: 'reading' };
    case 'r':
    case 'R':
      return { type: 'reset-timer' };
    case 'Enter':
      return { type: 'enter' };
    case 'Backspace':
      return { type: 'backspace' };
    default:
      return /^[0-9]$/.test(e.key) ? { type: 'digit', digit: e.key } : undefined;
  }
}
