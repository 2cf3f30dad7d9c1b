// Placeholder until the dossier screen lands (being written now).
export function DossierScreen({ id }: { id: string }) {
  return <h1>Dossier {id}</h1>;
}
