// chibo tables: on a page with a long table, each column's heading sorts the rows of this page
// (numbers as numbers, dates as dates, Vietnamese text in its order) and a box filters them by
// what they say, marks or not ("dien luc" finds "Điện lực"). Without the script the table is the
// same table, in the site's order.
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  // A cell's value to sort by: its data-sort, a date (dd/mm/yyyy), a number ("29,5%", "3/12", "92,2",
  // "1.362"), or text.
  function key(cell) {
    // A cell may say what it sorts by: a change ("giảm 1,4 điểm %") by its signed amount.
    var given = cell.getAttribute("data-sort");
    if (given !== null && given !== "" && !isNaN(Number(given))) return { number: Number(given) };
    var text = cell.textContent.trim();
    var date = /^(\d{2})\/(\d{2})\/(\d{4})/.exec(text);
    if (date) return { number: Number(date[3] + date[2] + date[1]) };
    var number = /^-?\d{1,3}(?:\.\d{3})+(?:,\d+)?|^-?\d+(?:,\d+)?/.exec(text);
    if (number) return { number: Number(number[0].replace(/\./g, "").replace(",", ".")) };
    if (text === "–" || text === "") return { number: -Infinity };
    return { text: text };
  }
  function compare(a, b) {
    if (a.number !== undefined && b.number !== undefined) return a.number - b.number;
    if (a.number !== undefined) return -1;
    if (b.number !== undefined) return 1;
    return a.text.localeCompare(b.text, "vi");
  }
  function enhance(table, index) {
    var body = table.tBodies[0];
    var head = table.tHead && table.tHead.rows[0];
    if (!body || !head || body.rows.length < 2 || !table.getAttribute("data-filter")) return;
    var wrap = table.closest(".table-wrap") || table;
    var original = Array.prototype.slice.call(body.rows);
    Array.prototype.forEach.call(head.cells, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(head.cells, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = original.slice().sort(function (a, b) {
          var order = compare(key(a.cells[column]), key(b.cells[column]));
          return (ascending ? order : -order) || original.indexOf(a) - original.indexOf(b);
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
    var label = document.createElement("label");
    label.className = "table-filter";
    var id = "loc-bang-" + index;
    label.setAttribute("for", id);
    label.textContent = table.getAttribute("data-filter");
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.autocomplete = "off";
    var form = document.createElement("p");
    form.className = "table-filter";
    form.appendChild(label);
    form.appendChild(input);
    wrap.parentNode.insertBefore(form, wrap);
    input.addEventListener("input", function () {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      original.forEach(function (row) {
        var text = fold(row.textContent);
        row.hidden = !words.every(function (word) { return text.indexOf(word) >= 0; });
      });
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), enhance);
})();
