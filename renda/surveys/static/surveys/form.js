// Conditional questions: a fieldset with data-show-if="q12" data-show-value="34" shows only when question 12
// has option 34 chosen. The server applies the same rule (definition._shown): hidden answers are dropped.
(function () {
  function chosen(form, name) {
    return Array.from(form.querySelectorAll('input[name="' + name + '"]:checked')).map(function (i) { return i.value; });
  }
  function update(form) {
    form.querySelectorAll("[data-show-if]").forEach(function (box) {
      var on = chosen(form, box.dataset.showIf).indexOf(box.dataset.showValue) >= 0;
      box.hidden = !on;
      box.querySelectorAll("input, textarea").forEach(function (i) { i.disabled = !on; });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.survey-form").forEach(function (form) {
      update(form);
      form.addEventListener("change", function () { update(form); });
    });
  });
})();
