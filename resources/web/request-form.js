// The request forms (web/RequestPages): before an upload leaves the browser, say which file is
// over the size limit, or that the files together are, instead of sending megabytes the server
// will refuse. Without JavaScript the server says the same after the upload.
(function () {
    'use strict';
    function size(bytes) {
        if (bytes < 1024 * 1024)
            return Math.ceil(bytes / 1024) + ' KB';
        return (bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '') + ' MB';
    }
    function fill(text, args) {
        return text.replace(/%(\d)/g, function (_, n) { return args[Number(n) - 1]; });
    }
    document.querySelectorAll('form.request-form[data-max-total]').forEach(function (form) {
        var maxTotal = Number(form.dataset.maxTotal), maxFile = Number(form.dataset.maxFile);
        var out = form.querySelector('.upload-check');
        form.addEventListener('submit', function (event) {
            var total = 0, problem = '';
            form.querySelectorAll('input[type=file]').forEach(function (input) {
                Array.prototype.forEach.call(input.files || [], function (file) {
                    total += file.size;
                    if (!problem && file.size > maxFile)
                        problem = fill(form.dataset.textFile, [file.name, size(file.size), size(maxFile)]);
                });
            });
            if (!problem && total > maxTotal)
                problem = fill(form.dataset.textTotal, [size(total), size(maxTotal)]);
            if (!out)
                return;
            out.hidden = !problem;
            out.textContent = problem;
            if (problem) {
                event.preventDefault();
                out.setAttribute('tabindex', '-1');
                out.focus();
            }
        });
    });
})();
