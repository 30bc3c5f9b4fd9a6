/**
 * Printing again only the slides that changed. When a few slides of a large
 * deck change, Chromium prints just those (a document of the changed slides,
 * see printDocument's `only`), and their pages replace the old ones in the
 * previous PDF — printing 200 slides takes most of a second, one slide a
 * tenth of that.
 *
 * The previous PDF is tagged, and stays so: Chromium tags each slide as one
 * element of the Document (its subtree marking that page's content), and each
 * page's marked content is listed in the parent tree under the page's
 * /StructParents. A new page brings its own subtree and parent-tree entry;
 * both are copied in place of the old page's. Anything else (a document
 * structured otherwise, links, annotations) is not spliced: the caller prints
 * the whole deck instead. What the old pages used and nothing uses any more
 * is dropped before saving (see dropUnreachable).
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, PDFStream, type PDFObject } from 'pdf-lib';

interface Tagged {
  /** The Document structure element's kids: one per page, in page order. */
  slides: PDFArray;
  documentRef: PDFRef;
  /** The parent tree's /Nums: [key ref key ref …]. */
  nums: PDFArray;
}

const N = (name: string) => PDFName.of(name);

/** The object (looked up if a reference) when it is of `type`, else undefined. */
// pdf-lib's classes have non-public constructors: a class is matched by its prototype.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
function pick<T>(doc: PDFDocument, value: PDFObject | undefined, type: Function & { prototype: T }): T | undefined {
  const obj = value instanceof PDFRef ? doc.context.lookup(value) : value;
  return obj instanceof type ? (obj as T) : undefined;
}

/** True when a value holds no references (copied as it is). */
function direct(value: PDFObject): boolean {
  if (value instanceof PDFRef || value instanceof PDFStream) return false;
  if (value instanceof PDFDict) return value.entries().every(([, v]) => direct(v));
  if (value instanceof PDFArray) return value.asArray().every(direct);
  return true;
}

function tagged(doc: PDFDocument): Tagged | undefined {
  const root = pick(doc, doc.catalog.get(N('StructTreeRoot')), PDFDict);
  const documentRef = root?.get(N('K'));
  if (!root || !(documentRef instanceof PDFRef)) return undefined;
  const document = pick(doc, documentRef, PDFDict);
  const kids = document?.get(N('K'));
  // One kid is written as itself rather than as an array of one: make it an array (the same structure).
  if (document && kids instanceof PDFRef) document.set(N('K'), doc.context.obj([kids]));
  const slides = pick(doc, document?.get(N('K')), PDFArray);
  const tree = pick(doc, root.get(N('ParentTree')), PDFDict);
  const nums = tree && !tree.has(N('Kids')) ? pick(doc, tree.get(N('Nums')), PDFArray) : undefined;
  if (!slides || !nums || slides.size() !== doc.getPageCount()) return undefined;
  if (!slides.asArray().every((k) => k instanceof PDFRef)) return undefined;
  return { slides, documentRef, nums };
}

/** The parent-tree value (an array of structure elements) for a page's /StructParents key. */
function parentEntry(doc: PDFDocument, nums: PDFArray, key: number): { at: number; value: PDFArray } | undefined {
  for (let i = 0; i + 1 < nums.size(); i += 2) {
    const k = nums.get(i);
    if (k instanceof PDFNumber && k.asNumber() === key) {
      const value = pick(doc, nums.get(i + 1), PDFArray);
      return value ? { at: i + 1, value } : undefined;
    }
  }
  return undefined;
}

function structParents(page: PDFDict): number | undefined {
  const v = page.get(N('StructParents'));
  return v instanceof PDFNumber ? v.asNumber() : undefined;
}

/**
 * Every structure element below `ref` (itself included), if the subtree marks
 * content of `pageRef` only, with nothing but MCIDs and elements as kids and
 * no other references; undefined otherwise.
 */
function subtree(doc: PDFDocument, ref: PDFRef, pageRef: PDFRef): PDFRef[] | undefined {
  const out: PDFRef[] = [];
  const walk = (r: PDFRef): boolean => {
    const el = pick(doc, r, PDFDict);
    if (!el || !el.has(N('S'))) return false;
    // Role, attributes, alt text: nothing that refers elsewhere.
    if (!el.entries().every(([key, value]) => ['/P', '/Pg', '/K'].includes(key.asString()) || direct(value))) return false;
    const pg = el.get(N('Pg'));
    if (pg !== undefined && !(pg instanceof PDFRef && pg.toString() === pageRef.toString())) return false;
    out.push(r);
    const k = el.get(N('K'));
    const kids = k === undefined ? [] : k instanceof PDFArray ? k.asArray() : [k];
    return kids.every((kid) => kid instanceof PDFNumber || (kid instanceof PDFRef && walk(kid)));
  };
  return walk(ref) ? out : undefined;
}

/**
 * Replace pages `at[i]` (0-based) of `base` with page i of `part`, keeping the
 * structure tree whole. Returns false, changing nothing, when either document
 * is not shaped as expected (the caller then prints the whole deck); the
 * reason is given for tracing.
 */
export async function splicePages(base: PDFDocument, part: PDFDocument, at: number[]): Promise<{ spliced: true } | { spliced: false; why: string }> {
  const no = (why: string) => ({ spliced: false as const, why });
  const b = tagged(base);
  const p = tagged(part);
  if (!b || !p) return no(`not tagged as expected (${b ? 'new pages' : 'previous PDF'})`);
  if (part.getPageCount() !== at.length) return no(`${part.getPageCount()} pages printed for ${at.length} slides`);
  const basePages = base.getPages();
  const partPages = part.getPages();
  // Nothing may point at a page that goes: no links, annotations or named destinations anywhere.
  if ([...basePages, ...partPages].some((pg) => pg.node.has(N('Annots')))) return no('a page has links or annotations');
  if ([base, part].some((d) => d.catalog.has(N('Dests')) || d.catalog.has(N('Names')))) return no('the PDF has named destinations');
  // Check everything before changing anything.
  const plan: Array<{ index: number; elements: PDFRef[]; entry: PDFArray; baseKey: number; baseEntryAt: number }> = [];
  for (let i = 0; i < at.length; i++) {
    const index = at[i]!;
    const page = partPages[i]!;
    const old = basePages[index];
    if (!old) return no(`no page ${index + 1}`);
    const elements = subtree(part, p.slides.get(i) as PDFRef, page.ref);
    // The old page's share of the structure must be the one subtree that goes with it.
    const oldElements = subtree(base, b.slides.get(index) as PDFRef, old.ref);
    if (!oldElements) return no(`the structure of page ${index + 1} in the previous PDF is not one subtree of its page`);
    const partKey = structParents(page.node);
    const baseKey = structParents(old.node);
    if (!elements) return no(`the structure of slide ${index + 1} is not one subtree of its page`);
    if (partKey === undefined || baseKey === undefined) return no(`page ${index + 1} has no /StructParents`);
    const entry = parentEntry(part, p.nums, partKey);
    const baseEntry = parentEntry(base, b.nums, baseKey);
    const inTree = new Set(elements.map(String));
    const inOldTree = new Set(oldElements.map(String));
    const matches = (value: PDFArray, tree: Set<string>) => value.asArray().every((e) => e instanceof PDFRef && tree.has(e.toString()));
    if (!entry || !baseEntry || !matches(entry.value, inTree) || !matches(baseEntry.value, inOldTree))
      return no(`the parent tree entry of page ${index + 1} does not match its structure`);
    plan.push({ index, elements, entry: entry.value, baseKey, baseEntryAt: baseEntry.at });
  }

  const copied = await base.copyPages(
    part,
    plan.map((_, i) => i),
  );
  plan.forEach(({ index, elements, entry, baseKey, baseEntryAt }, i) => {
    const page = copied[i]!;
    const pageRef = page.ref;
    // The slide's structure elements, renumbered into base, parents and page fixed.
    const refs = new Map(elements.map((r) => [r.toString(), base.context.nextRef()]));
    for (const r of elements) {
      const el = part.context.lookup(r, PDFDict);
      const copy = PDFDict.withContext(base.context);
      for (const [key, value] of el.entries()) {
        const name = key.asString();
        if (name === '/P') {
          const parent = refs.get(String(value));
          copy.set(key, parent ?? b.documentRef);
        } else if (name === '/Pg') {
          copy.set(key, pageRef);
        } else if (name === '/K') {
          copy.set(key, mapKids(base, value, refs));
        } else {
          copy.set(key, copyDirect(base, value));
        }
      }
      base.context.assign(refs.get(r.toString())!, copy);
    }
    page.node.set(N('StructParents'), PDFNumber.of(baseKey));
    b.slides.set(index, refs.get(elements[0]!.toString())!);
    b.nums.set(baseEntryAt, base.context.register(base.context.obj(entry.asArray().map((e) => refs.get(e.toString())!))));
    base.removePage(index);
    base.insertPage(index, page);
  });
  return { spliced: true };
}

function mapKids(base: PDFDocument, value: PDFObject, refs: Map<string, PDFRef>): PDFObject {
  const map = (kid: PDFObject): PDFObject => (kid instanceof PDFRef ? refs.get(kid.toString())! : kid.clone(base.context));
  if (value instanceof PDFArray) {
    const out = PDFArray.withContext(base.context);
    for (const kid of value.asArray()) out.push(map(kid));
    return out;
  }
  return map(value);
}

/** A value without references (checked by subtree), copied into base. */
function copyDirect(base: PDFDocument, value: PDFObject): PDFObject {
  if (value instanceof PDFDict) {
    const out = PDFDict.withContext(base.context);
    for (const [k, v] of value.entries()) out.set(k, copyDirect(base, v));
    return out;
  }
  if (value instanceof PDFArray) {
    const out = PDFArray.withContext(base.context);
    for (const v of value.asArray()) out.push(copyDirect(base, v));
    return out;
  }
  return value;
}

/**
 * Remove every object nothing reachable from the trailer refers to (old
 * pages, their fonts and structure, an old outline): pdf-lib writes all
 * objects it holds, reachable or not.
 */
export function dropUnreachable(doc: PDFDocument): number {
  const ctx = doc.context;
  const seen = new Set<string>();
  const stack: PDFObject[] = Object.values(ctx.trailerInfo).filter((v): v is PDFObject => v !== undefined);
  while (stack.length) {
    const obj = stack.pop()!;
    if (obj instanceof PDFRef) {
      const key = obj.toString();
      if (seen.has(key)) continue;
      seen.add(key);
      const target = ctx.lookup(obj);
      if (target) stack.push(target);
    } else if (obj instanceof PDFDict) {
      for (const [, v] of obj.entries()) stack.push(v);
    } else if (obj instanceof PDFArray) {
      stack.push(...obj.asArray());
    } else if (obj instanceof PDFStream) {
      stack.push(obj.dict);
    }
  }
  let dropped = 0;
  for (const [ref] of ctx.enumerateIndirectObjects()) {
    if (!seen.has(ref.toString())) {
      ctx.delete(ref);
      dropped++;
    }
  }
  return dropped;
}
