// 公众号排版: copy the inline-styled HTML to the clipboard (no inline script: Content-Security-Policy).
document.addEventListener("DOMContentLoaded", function () {
  var button = document.getElementById("copy-wechat");
  if (!button) { return; }
  button.addEventListener("click", async function () {
    var node = document.getElementById("wechat-content"), status = document.getElementById("copy-status");
    try {
      var html = node.innerHTML;
      await navigator.clipboard.write([new ClipboardItem({"text/html": new Blob([html], {type: "text/html"}),
                                                          "text/plain": new Blob([node.innerText], {type: "text/plain"})})]);
      status.textContent = "已复制，可粘贴到公众号编辑器。";
    } catch (e) {
      var range = document.createRange(); range.selectNodeContents(node);
      var sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
      status.textContent = document.execCommand("copy") ? "已复制。" : "请手动选中内容后复制（Ctrl+C）。";
    }
  });
});
