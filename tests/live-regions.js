// What the live regions under `root` (aria-live, role status or alert, output) say from now on, as a
// screen reader hears them: each time a region's text, leaving out what is hidden from
// screen readers (aria-hidden), changes, or a node with text is added to it (heard again,
// even with the same text), the region's id (or class) in `heard` and its text in `said`; a
// region emptied says nothing, and its next text is heard as a first. Shared by the component tests
// (tests/browser/) and the end-to-end tests (tests/e2e/browser.mjs).
(root) => {
  const heard = [];
  const said = [];
  const last = new WeakMap();
  const heardIn = (region) => {
    const copy = region.cloneNode(true);
    copy.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
    return copy.textContent;
  };
  new MutationObserver((records) => {
    // The changes of one task, region by region: a region says its text once for them.
    const changed = new Map();
    for (const record of records) {
      const node = record.target.nodeType === Node.ELEMENT_NODE ? record.target : record.target.parentElement;
      // An output element is a status region unless it says otherwise.
      const region = node?.closest?.('[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], output:not([aria-live])');
      if (!region) continue;
      // A node added with text is heard even if the region's text is as it was.
      const added = record.type === "childList" && [...record.addedNodes].some((added) => added.textContent !== "");
      changed.set(region, changed.get(region) || added);
    }
    for (const [region, added] of changed) {
      const text = heardIn(region);
      // A region emptied says nothing (a screen reader hears additions and changed text, not
      // removals): its next text is heard, even the same as before.
      if (text === "") {
        last.delete(region);
      } else if (text !== (last.get(region) ?? "") || added) {
        last.set(region, text);
        heard.push(region.id || region.className);
        said.push(text);
      }
    }
  }).observe(root, { subtree: true, childList: true, characterData: true });
  return { heard, said };
}
