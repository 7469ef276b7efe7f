/* The story form's taxonomy lists: type to narrow the checkboxes, see what is chosen.
   Enter ticks the only match left and clears the box, so a keyboard user picks by typing. */
(function () {
  "use strict";

  function fold(text) {
    return (text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  function rows(chooser) {
    return Array.prototype.map.call(
      chooser.querySelectorAll("input[type=checkbox][data-osce-search]"),
      function (box) {
        return { box: box, row: box.closest("label") ? box.closest("label").parentElement : box.parentElement };
      }
    );
  }

  function showChosen(chooser) {
    var line = chooser.querySelector("[data-osce-taxonomy-chosen]");
    if (!line) return;
    var names = rows(chooser)
      .filter(function (item) { return item.box.checked; })
      .map(function (item) { return item.box.closest("label").textContent.trim(); });
    line.textContent = names.length
      ? line.dataset.label + " " + names.join(", ")
      : line.dataset.none;
  }

  function filter(chooser, query) {
    var words = fold(query).split(/\s+/).filter(Boolean);
    var shown = 0;
    rows(chooser).forEach(function (item) {
      var text = item.box.dataset.osceSearch || "";
      var match = words.every(function (word) { return text.indexOf(word) !== -1; });
      item.row.hidden = !match;
      if (match) shown += 1;
    });
    var empty = chooser.querySelector("[data-osce-taxonomy-empty]");
    if (empty) empty.hidden = shown !== 0;
    return shown;
  }

  function setUp(chooser) {
    if (chooser.dataset.osceReady) return;
    chooser.dataset.osceReady = "true";
    var search = chooser.querySelector("[data-osce-taxonomy-search]");
    var line = chooser.querySelector("[data-osce-taxonomy-chosen]");
    search.hidden = false;
    line.hidden = false;
    chooser.classList.add("osce-taxonomy-chooser--searchable");
    search.addEventListener("input", function () { filter(chooser, search.value); });
    search.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") return;
      event.preventDefault(); // never submit the page form from the search box
      var visible = rows(chooser).filter(function (item) { return !item.row.hidden; });
      if (visible.length === 1) {
        visible[0].box.checked = true;
        visible[0].box.dispatchEvent(new Event("change", { bubbles: true }));
        search.value = "";
        filter(chooser, "");
      }
    });
    chooser.addEventListener("change", function () { showChosen(chooser); });
    showChosen(chooser);
  }

  function setUpAll() {
    document.querySelectorAll("[data-osce-taxonomy-chooser]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
  document.addEventListener("w-dropdown:shown", setUpAll);
})();
