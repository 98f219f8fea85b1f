// Runs in the browser: records that the image decoded, that this script ran, and that the video seeked.
document.addEventListener('DOMContentLoaded', () => {
  const out = document.getElementById('result');
  const facts = { script: true };
  const show = () => { out.textContent = JSON.stringify(facts); };
  const img = document.getElementById('pixel');
  const video = document.getElementById('video');
  const imgDone = () => { facts.image = img.naturalWidth; show(); };
  if (img.complete) imgDone(); else img.addEventListener('load', imgDone);
  video.addEventListener('loadedmetadata', () => {
    facts.duration = Math.round(video.duration);
    show();
    video.currentTime = video.duration - 1;
  });
  video.addEventListener('seeked', () => { facts.seeked = Math.round(video.currentTime); show(); });
  video.addEventListener('error', () => { facts.videoError = video.error && video.error.code; show(); });
  show();
});
