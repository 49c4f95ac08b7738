import { useId, type ReactNode } from 'react';
import { TableScroll } from '../../ui/TableScroll';

interface ChartFigureProps {
  title: string;
  /** The key figures in words: what a person who cannot see the chart needs first. */
  caption: ReactNode;
  /** Every figure the chart draws, as a table (column headings, then rows). */
  table: { headings: string[]; rows: (string | number)[][] };
  children: ReactNode;
}

/** A chart with its text alternative: a caption with the key figures and the data as a table. */
export function ChartFigure({ title, caption, table, children }: ChartFigureProps) {
  const headingId = useId();
  return (
    <figure className="report-figure" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <figcaption>{caption}</figcaption>
      {children}
      <details>
        <summary>Show the figures as a table</summary>
        <TableScroll label={`${title}: figures`}>
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                {table.headings.map((heading) => (
                  <th key={heading} scope="col">
                    {heading}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((cell, j) =>
                    j === 0 ? (
                      <th key={j} scope="row">
                        {cell}
                      </th>
                    ) : (
                      <td key={j}>{cell}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </details>
    </figure>
  );
}
