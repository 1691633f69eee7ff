// chibo: loaded by the pages of restricted folders only. Whoever sees one has signed in, so this tab's
// search may look in the restricted pages' index too without the browser asking anyone for a password.
(function () {
  "use strict";
  try {
    window.sessionStorage.setItem("chibo-signed-in", "1");
  } catch (error) {
    // Storage refused (private mode, a policy): the search stays with the public pages.
  }
})();
