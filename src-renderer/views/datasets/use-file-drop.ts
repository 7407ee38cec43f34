import { useEffect, useRef, useState } from 'react';
import { splitDropped } from '../../lib/files';

export interface Dropped {
  events: File | null;
  titles: File | null;
}

/** Files dropped anywhere on the window; the Datasets view picks them up for import. */
export function useFileDrop(onDrop: () => void) {
  const [dropped, setDropped] = useState<Dropped | null>(null);
  const [dragging, setDragging] = useState(false);
  // A ref, so a new callback each render does not re-register the window listeners.
  const onDropRef = useRef(onDrop);
  onDropRef.current = onDrop;

  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    // Without preventDefault on dragover the browser would open the file instead of dropping it.
    const over = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const files = [...(e.dataTransfer?.files ?? [])];
      if (files.length === 0) return;
      setDropped(splitDropped(files));
      onDropRef.current();
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);

  return { dropped, clearDropped: () => setDropped(null), dragging };
}
