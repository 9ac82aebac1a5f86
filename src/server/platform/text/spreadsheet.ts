import type ExcelJS from 'exceljs';

/**
 * ExcelJS, loaded on the first .xlsx read or written rather than at start-up: with what it brings
 * (zip, streams, promise and date libraries) it was the largest package in the server's bundle, and
 * only the national layer's returns and indicator exports use it (issue 23 item 5: a start-up loads
 * what a request may need at once, not everything).
 */
export async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
