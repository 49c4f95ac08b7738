import type { ReactNode } from 'react';

/** The signed-out pages' frame: a narrow card, its own landmark and heading. */
export function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main id="main" className="auth-page">
      <div className="auth-card">
        <p className="brand">Flowgraph</p>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}
