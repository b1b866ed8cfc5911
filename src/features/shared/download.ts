/**
 * Offers a text file to the user as a download: CSV exports of points, rosters, shops, central
 * towns and the gap list. Works offline — nothing leaves the device; the object URL is released
 * once the browser has had time to start the download.
 */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
