// Progressive enhancement only: every page works without this script.
(function () {
  'use strict';
  // Home: "Add another article" adds a box here instead of reloading the page.
  var add = document.getElementById('add-article');
  var boxes = document.getElementById('articles');
  if (add && boxes) {
    add.addEventListener('click', function (event) {
      var all = boxes.querySelectorAll('fieldset.article-input');
      var last = all[all.length - 1];
      if (!last) { return; }
      event.preventDefault();
      var copy = last.cloneNode(true);
      copy.querySelectorAll('input,textarea').forEach(function (e) { e.value = ''; });
      copy.querySelector('legend').textContent = 'Article ' + (all.length + 1);
      copy.dataset.index = String(all.length);
      boxes.appendChild(copy);
    });
  }
  // A job's page: poll its status, show the progress, open the result when done.
  var job = document.getElementById('job');
  if (job) {
    var id = job.dataset.id;
    var bar = document.getElementById('job-progress');
    var state = document.getElementById('job-state');
    var message = document.getElementById('job-message');
    var error = document.getElementById('job-error');
    var poll = function () {
      fetch('/api/jobs/' + encodeURIComponent(id), {credentials: 'same-origin'})
        .then(function (r) { return r.json(); })
        .then(function (s) {
          bar.value = s.progress;
          state.textContent = s.state;
          message.textContent = s.message;
          job.dataset.state = s.state;
          if (s.state === 'done' && s.result && s.result.charAt(0) === '/') {
            window.location.assign(s.result);
          } else if (s.state === 'failed') {
            error.textContent = s.error || 'failed';
          } else if (s.state === 'queued' || s.state === 'running') {
            window.setTimeout(poll, 400);
          } else {
            var form = document.getElementById('cancel-form');
            if (form) { form.remove(); }
          }
        })
        .catch(function () { window.setTimeout(poll, 2000); });
    };
    if (job.dataset.state === 'queued' || job.dataset.state === 'running') { poll(); }
  }
}());
