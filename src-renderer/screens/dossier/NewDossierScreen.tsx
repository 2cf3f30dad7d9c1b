// Placeholder until the new-dossier screen lands (being written now).
export function NewDossierScreen(_props: { agencyId: string | null; agencies: unknown[] }) {
  return <h1>Nouveau dossier</h1>;
}
