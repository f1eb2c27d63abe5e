/* 正文编辑器 (issue 17): a toolbar and an editing area over each <textarea data-rich-editor>.
 *
 * The textarea stays in the form and receives the HTML on every change, so the server's sanitiser
 * (catalog.sanitize.clean_html) decides what is kept, exactly as for pasted HTML; without JavaScript
 * the textarea is the editor. Only what the sanitiser keeps is offered: 小标题 (h2/h3), 段落, 加粗,
 * lists, tables, and paragraph alignment as class="right"/"center" (the 落款 and 成文日期).
 * No inline script or style: the site's Content-Security-Policy forbids both.
 */
(function () {
  "use strict";

  var BLOCKS = "p,h2,h3,h4,li,td,th,blockquote";

  function escapeHtml(s) {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function initialHtml(text) {
    if (text.indexOf("<") !== -1) return text;
    return text.split(/\r?\n/).filter(function (l) { return l.trim(); })
      .map(function (l) { return "<p>" + escapeHtml(l.trim()) + "</p>"; }).join("");
  }

  function currentBlock(area) {
    var sel = window.getSelection();
    if (!sel.rangeCount) return null;
    var node = sel.getRangeAt(0).startContainer;
    var el = node.nodeType === 1 ? node : node.parentElement;
    var block = el && el.closest(BLOCKS);
    return block && area.contains(block) ? block : null;
  }

  function setup(textarea) {
    var label = document.querySelector('label[for="' + textarea.id + '"]');
    var wrap = document.createElement("div");
    wrap.className = "rich-editor";

    var toolbar = document.createElement("div");
    toolbar.className = "rich-toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", "正文排版");

    var area = document.createElement("div");
    area.className = "rich-area body-text";
    area.id = textarea.id + "-editor";
    area.contentEditable = "true";
    area.setAttribute("role", "textbox");
    area.setAttribute("aria-multiline", "true");
    if (label) {
      if (!label.id) label.id = textarea.id + "-label";
      area.setAttribute("aria-labelledby", label.id);
      // The label now names the editing area: a click on it moves there.
      label.addEventListener("click", function (e) { if (!area.hidden) { e.preventDefault(); area.focus(); } });
    }
    var help = textarea.getAttribute("aria-describedby") || (document.getElementById(textarea.id + "-help") ? textarea.id + "-help" : "");
    if (help) area.setAttribute("aria-describedby", help);
    toolbar.setAttribute("aria-controls", area.id);
    area.innerHTML = initialHtml(textarea.value) || "<p><br></p>";

    // What the textarea receives: top-level text and inline runs wrapped in <p>, <div> (which some
    // browsers make on Enter) turned into <p>; the area itself is left alone so the caret stays put.
    function serialise() {
      var out = document.createElement("div"), para = null;
      Array.prototype.forEach.call(area.childNodes, function (node) {
        var block = node.nodeType === 1 && /^(P|H[1-6]|UL|OL|TABLE|BLOCKQUOTE|HR|DIV)$/.test(node.tagName);
        if (!block) {
          if (node.nodeType === 3 && !node.textContent.trim() && !para) return;
          if (!para) { para = document.createElement("p"); out.appendChild(para); }
          para.appendChild(node.cloneNode(true));
          return;
        }
        para = null;
        if (node.tagName === "DIV") {
          var p = document.createElement("p");
          p.innerHTML = node.innerHTML;
          out.appendChild(p);
        } else {
          out.appendChild(node.cloneNode(true));
        }
      });
      return out.innerHTML;
    }
    function sync() { textarea.value = serialise(); }

    function command(name, value) {
      area.focus();
      document.execCommand(name, false, value || null);
      sync();
    }

    function align(cls) {
      area.focus();
      var block = currentBlock(area);
      if (!block) return;
      if (block.tagName !== "P") { document.execCommand("formatBlock", false, "p"); block = currentBlock(area); }
      if (!block) return;
      var on = block.classList.contains(cls);
      block.classList.remove("right", "center");
      if (!on) block.classList.add(cls);
      if (!block.classList.length) block.removeAttribute("class");
      sync();
    }

    function table() {
      var rows = parseInt(window.prompt("表格行数", "3"), 10), cols = parseInt(window.prompt("表格列数", "3"), 10);
      if (!(rows > 0 && cols > 0 && rows <= 50 && cols <= 20)) return;
      var html = "<table><tbody>";
      for (var r = 0; r < rows; r++) {
        html += "<tr>";
        for (var c = 0; c < cols; c++) html += "<td><br></td>";
        html += "</tr>";
      }
      command("insertHTML", html + "</tbody></table><p><br></p>");
    }

    var source = false;
    function toggleSource(button) {
      source = !source;
      if (source) { sync(); textarea.hidden = false; area.hidden = true; textarea.focus(); }
      else { area.innerHTML = initialHtml(textarea.value); textarea.hidden = true; area.hidden = false; area.focus(); }
      button.setAttribute("aria-pressed", String(source));
      Array.prototype.forEach.call(toolbar.querySelectorAll("button"), function (b) {
        if (b !== button) b.disabled = source;
      });
    }

    var buttons = [
      ["小标题", function () { command("formatBlock", "h2"); }],
      ["三级标题", function () { command("formatBlock", "h3"); }],
      ["正文段落", function () { command("formatBlock", "p"); }],
      ["加粗", function () { command("bold"); }],
      ["项目列表", function () { command("insertUnorderedList"); }],
      ["编号列表", function () { command("insertOrderedList"); }],
      ["居右（落款、日期）", function () { align("right"); }],
      ["居中", function () { align("center"); }],
      ["插入表格", table],
      ["撤销", function () { command("undo"); }],
      ["重做", function () { command("redo"); }],
      ["HTML 源码", function (e) { toggleSource(e.currentTarget); }],
    ];
    buttons.forEach(function (spec, i) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = spec[0];
      b.tabIndex = i === 0 ? 0 : -1;  // one tab stop; arrow keys move inside the toolbar
      if (spec[0] === "HTML 源码") b.setAttribute("aria-pressed", "false");
      b.addEventListener("mousedown", function (e) { e.preventDefault(); });  // keep the selection
      b.addEventListener("click", spec[1]);
      toolbar.appendChild(b);
    });
    toolbar.addEventListener("keydown", function (e) {
      var items = Array.prototype.filter.call(toolbar.querySelectorAll("button"), function (b) { return !b.disabled; });
      var i = items.indexOf(document.activeElement);
      var next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: items.length - 1 }[e.key];
      if (next === undefined || i < 0) return;
      e.preventDefault();
      next = (next + items.length) % items.length;
      items.forEach(function (b) { b.tabIndex = -1; });
      items[next].tabIndex = 0;
      items[next].focus();
    });

    area.addEventListener("input", sync);
    area.addEventListener("blur", sync);
    textarea.form && textarea.form.addEventListener("submit", function () { if (!source) sync(); });

    textarea.hidden = true;
    textarea.parentNode.insertBefore(wrap, textarea);
    wrap.appendChild(toolbar);
    wrap.appendChild(area);
    wrap.appendChild(textarea);
  }

  function init() {
    try { document.execCommand("defaultParagraphSeparator", false, "p"); } catch (e) { /* older browsers */ }
    Array.prototype.forEach.call(document.querySelectorAll("textarea[data-rich-editor]"), setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
