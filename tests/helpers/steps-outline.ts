/** A deck whose second slide reveals three items, the first with an item of its own under it (reveal and --pdf-steps tests). */
export const STEPS_OUTLINE = `title: Steps
lang: en
sources:
  conv: ../sources/ussr-japan-1925.txt
slides:
  - title: Before
    bullets: [Nothing to reveal here]
  - title: Three steps
    md: "* First point\\n  * Its detail\\n* Second point\\n* Third point"
  - title: After
    bullets: [The end]
`;

/** Its revealed items, in order. */
export const STEP_ITEMS = ['First point', 'Its detail', 'Second point', 'Third point'];
