import { expect } from '@open-wc/testing';
import { parseCsv } from '../../src/elements/file-uploader/csv.js';

describe('parseCsv', () => {
  it('splits rows and cells, with LF or CRLF, and no empty row after the last line break', () => {
    expect(parseCsv('a,b\r\nc,d\ne,f\n', 10)).to.deep.equal([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
    ]);
  });

  it('keeps a last row without a line break, and empty cells', () => {
    expect(parseCsv('a,,c\n,x', 10)).to.deep.equal([
      ['a', '', 'c'],
      ['', 'x'],
    ]);
  });

  it('reads quoted cells: commas, line breaks and doubled quotes inside them', () => {
    expect(parseCsv('"Lee, Jordan","He said ""hi""","two\nlines"\n', 10)).to.deep.equal([['Lee, Jordan', 'He said "hi"', 'two\nlines']]);
  });

  it('drops a byte-order mark and keeps formula-looking cells as plain text', () => {
    expect(parseCsv('\uFEFFdate,mood\n=HYPERLINK("x"),+1\n', 10)).to.deep.equal([
      ['date', 'mood'],
      ['=HYPERLINK(x)', '+1'],
    ]);
  });

  it('stops at maxRows, and reads nothing from an empty file', () => {
    expect(parseCsv('1\n2\n3\n4\n', 2)).to.deep.equal([['1'], ['2']]);
    expect(parseCsv('', 5)).to.deep.equal([]);
  });
});
