/**
 * Images for PowerPoint: what kind an image's bytes are (PowerPoint shows PNG, JPEG, GIF and
 * SVG; not WebP) and their size in pixels, read from the headers, so that the picture is placed
 * inside its box with its proportions (contain) without decoding it.
 */

export interface ImageInfo {
  mime: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/svg+xml';
  width: number;
  height: number;
}

function svgSize(text: string): { width: number; height: number } | undefined {
  const root = /<svg\b[^>]*>/i.exec(text)?.[0];
  if (!root) return undefined;
  const attr = (name: string): number | undefined => {
    const m = new RegExp(`\\s${name}\\s*=\\s*["']\\s*([\\d.]+)(px)?\\s*["']`, 'i').exec(root);
    return m ? Number(m[1]) : undefined;
  };
  const box = /\sviewBox\s*=\s*["']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*["']/i.exec(root);
  const width = attr('width') ?? (box ? Number(box[1]) : undefined);
  const height = attr('height') ?? (box ? Number(box[2]) : undefined);
  return width && height ? { width, height } : { width: 300, height: 150 };
}

/** The image's type and pixel size, or undefined when PowerPoint could not show it. */
export function imageInfo(b: Uint8Array): ImageInfo | undefined {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b.length > 24 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) {
    return { mime: 'image/png', width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (b.length > 10 && b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46) {
    return { mime: 'image/gif', width: view.getUint16(6, true), height: view.getUint16(8, true) };
  }
  if (b.length > 4 && b[0] === 0xff && b[1] === 0xd8) {
    // Segments up to a start-of-frame marker (C0–CF but C4, C8, CC), which holds the size.
    let at = 2;
    while (at + 9 < b.length && b[at] === 0xff) {
      const marker = b[at + 1]!;
      const length = view.getUint16(at + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { mime: 'image/jpeg', width: view.getUint16(at + 7), height: view.getUint16(at + 5) };
      }
      at += 2 + length;
    }
    return { mime: 'image/jpeg', width: 4, height: 3 };
  }
  const head = new TextDecoder().decode(b.subarray(0, 4096));
  if (/<svg\b/i.test(head)) return { mime: 'image/svg+xml', ...svgSize(head)! };
  return undefined;
}

/** The bytes of a `data:` URL (base64 or percent-encoded), or undefined for anything else. */
export function dataUrlBytes(src: string): Uint8Array | undefined {
  const m = /^data:[^,;]*((?:;[^,;]*)*?)(;base64)?,(.*)$/s.exec(src);
  if (!m) return undefined;
  return m[2] ? new Uint8Array(Buffer.from(m[3]!, 'base64')) : new TextEncoder().encode(decodeURIComponent(m[3]!));
}

/** A box of `w`×`h` holding an image of the given proportions, centred horizontally, at the top. */
export function containBox(
  info: { width: number; height: number },
  box: { x: number; y: number; w: number; h: number },
): { x: number; y: number; w: number; h: number } {
  const ratio = info.width / info.height;
  let w = box.w;
  let h = w / ratio;
  if (h > box.h) {
    h = box.h;
    w = h * ratio;
  }
  return { x: box.x + (box.w - w) / 2, y: box.y, w, h };
}
