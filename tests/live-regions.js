// What the live regions under `root` (aria-live, role status or alert, output) say from now on, as a
// screen reader hears them: each time a region's text, leaving out what is hidden from
// screen readers (aria-hidden), changes, the region's id (or class) in `heard` and its text
// in `said` (a region's first text counted from empty). Shared by the component tests
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
    for (const record of records) {
      const node = record.target.nodeType === Node.ELEMENT_NODE ? record.target : record.target.parentElement;
      // An output element is a status region unless it says otherwise.
      const region = node?.closest?.('[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], output:not([aria-live])');
      const text = region && heardIn(region);
      if (region && text !== (last.get(region) ?? "")) {
        last.set(region, text);
        heard.push(region.id || region.className);
        said.push(text);
      }
    }
  }).observe(root, { subtree: true, childList: true, characterData: true });
  return { heard, said };
}
