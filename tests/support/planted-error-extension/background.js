// An uncaught error in a background page, which no tab shows.
setTimeout(() => {
  throw new Error('planted in a background page');
}, 200);
