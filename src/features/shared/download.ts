/**
 * Offers a file to the user as a download: CSV exports of points, rosters, shops, central towns
 * and the gap list; the assessment report's workbook and zip. Works offline — nothing leaves the
 * device; the object URL is released once the browser has had time to start the download.
 */
export function downloadBlob(filename: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8') {
  downloadBlob(filename, new Blob([text], { type }));
}
