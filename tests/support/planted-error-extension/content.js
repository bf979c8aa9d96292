// Thrown outside any handler, as an uncaught error in a content script is.
setTimeout(() => {
  throw new Error('planted in a content script');
});
console.error('planted console error in a content script');
