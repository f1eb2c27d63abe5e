// The application form: after a refused submission, move the focus to the list of errors (screen readers).
document.addEventListener("DOMContentLoaded", function () {
  var errors = document.getElementById("form-errors");
  if (errors) { errors.focus(); }
});
