// People for the demo: French given names and surnames common enough that their combinations
// look like a real agency's client file, plus a few foreign ones for Belgian, Swiss, German and
// British guests. Duplicates are removed at load so the lists can be edited freely.

const unique = (names: readonly string[]): readonly string[] => [...new Set(names)];

export const MALE_FIRST_NAMES = unique([
  'Jean', 'Pierre', 'Michel', 'André', 'Philippe', 'Alain', 'Jacques', 'Bernard', 'Daniel', 'Patrick',
  'Christian', 'Nicolas', 'Éric', 'Frédéric', 'Laurent', 'Stéphane', 'Olivier', 'Christophe', 'Thierry',
  'Pascal', 'David', 'Sébastien', 'Julien', 'Jérôme', 'Vincent', 'François', 'Didier', 'Bruno', 'Gilles',
  'Franck', 'Thomas', 'Alexandre', 'Guillaume', 'Antoine', 'Maxime', 'Romain', 'Mathieu', 'Benjamin',
  'Hugo', 'Lucas', 'Louis', 'Gabriel', 'Arthur', 'Raphaël', 'Jules', 'Léo', 'Adam', 'Paul', 'Nathan',
  'Théo', 'Enzo', 'Clément', 'Baptiste', 'Quentin', 'Florian', 'Kévin', 'Anthony', 'Cédric', 'Fabrice',
  'Sylvain', 'Hervé', 'Yves', 'Gérard', 'René', 'Marcel', 'Henri', 'Claude', 'Serge', 'Jean-Pierre',
  'Jean-Luc', 'Jean-Marc', 'Jean-François', 'Jean-Claude', 'Xavier', 'Arnaud', 'Damien', 'Grégory',
  'Loïc', 'Yannick', 'Erwan', 'Gaël', 'Tanguy', 'Mickaël', 'Benoît', 'Rémi', 'Victor', 'Martin',
  'Samuel', 'Étienne', 'Emmanuel', 'Marc', 'Joël', 'Lionel', 'Régis', 'Hubert', 'Bertrand', 'Gaston',
]);

export const FEMALE_FIRST_NAMES = unique([
  'Marie', 'Nathalie', 'Isabelle', 'Sylvie', 'Catherine', 'Françoise', 'Martine', 'Christine', 'Monique',
  'Valérie', 'Sandrine', 'Véronique', 'Nicole', 'Stéphanie', 'Sophie', 'Céline', 'Chantal', 'Patricia',
  'Anne', 'Brigitte', 'Julie', 'Aurélie', 'Caroline', 'Émilie', 'Laurence', 'Virginie', 'Élodie',
  'Camille', 'Laura', 'Manon', 'Chloé', 'Léa', 'Emma', 'Inès', 'Jade', 'Louise', 'Alice', 'Lina',
  'Juliette', 'Sarah', 'Pauline', 'Mathilde', 'Claire', 'Hélène', 'Agnès', 'Florence', 'Corinne',
  'Karine', 'Delphine', 'Audrey', 'Mélanie', 'Marion', 'Charlotte', 'Lucie', 'Margaux', 'Clémence',
  'Anaïs', 'Océane', 'Justine', 'Morgane', 'Gaëlle', 'Solène', 'Maëlle', 'Annick', 'Josiane',
  'Jacqueline', 'Danielle', 'Colette', 'Geneviève', 'Marie-Claire', 'Marie-Christine', 'Anne-Sophie',
  'Marie-Hélène', 'Béatrice', 'Élise', 'Nadine', 'Odile', 'Armelle', 'Bérénice', 'Éloïse', 'Zoé',
]);

export const LAST_NAMES = unique([
  'Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent',
  'Simon', 'Michel', 'Lefebvre', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard',
  'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau', 'Vincent', 'Muller', 'Lefèvre', 'Faure',
  'André', 'Mercier', 'Blanc', 'Guérin', 'Boyer', 'Garnier', 'Chevalier', 'François', 'Legrand',
  'Gauthier', 'Garcia', 'Perrin', 'Robin', 'Clément', 'Morin', 'Nicolas', 'Henry', 'Roussel', 'Mathieu',
  'Gautier', 'Masson', 'Marchand', 'Duval', 'Denis', 'Dumont', 'Lemaire', 'Noël', 'Meyer', 'Dufour',
  'Meunier', 'Brun', 'Blanchard', 'Giraud', 'Joly', 'Rivière', 'Lucas', 'Brunet', 'Gaillard', 'Barbier',
  'Arnaud', 'Martinez', 'Gérard', 'Roche', 'Renard', 'Schmitt', 'Roy', 'Leroux', 'Colin', 'Vidal',
  'Caron', 'Picard', 'Roger', 'Fabre', 'Aubert', 'Lemoine', 'Renaud', 'Dumas', 'Lacroix', 'Olivier',
  'Philippe', 'Bourgeois', 'Pierre', 'Benoît', 'Rey', 'Leclerc', 'Rolland', 'Leclercq', 'Guillaume',
  'Lecomte', 'Lopez', 'Dupuy', 'Guillot', 'Hubert', 'Berger', 'Carpentier', 'Sanchez', 'Dupuis',
  'Moulin', 'Louis', 'Deschamps', 'Huet', 'Vasseur', 'Perez', 'Boucher', 'Fleury', 'Royer', 'Klein',
  'Jacquet', 'Adam', 'Poirier', 'Marty', 'Aubry', 'Guyot', 'Carré', 'Charles', 'Renault',
  'Charpentier', 'Ménard', 'Maillard', 'Baron', 'Bertin', 'Bailly', 'Hervé', 'Schneider', 'Fernandez',
  'Le Gall', 'Collet', 'Léger', 'Bouvier', 'Julien', 'Prévost', 'Millet', 'Perrot', 'Le Roux', 'Cousin',
  'Germain', 'Breton', 'Besson', 'Langlois', 'Rémy', 'Le Goff', 'Pelletier', 'Lévêque', 'Perrier',
  'Leblanc', 'Barré', 'Lebrun', 'Marchal', 'Weber', 'Mallet', 'Hamon', 'Boulanger', 'Jacob', 'Monnier',
  'Michaud', 'Rodriguez', 'Guichard', 'Gillet', 'Étienne', 'Poulain', 'Tessier', 'Chevallier', 'Collin',
  'Chauvin', 'Da Silva', 'Bouchet', 'Lemaître', 'Bénard', 'Maréchal', 'Humbert', 'Reynaud', 'Antoine',
  'Perret', 'Barthélemy', 'Cordier', 'Pichon', 'Lejeune', 'Gilbert', 'Lamy', 'Delaunay', 'Pasquier',
  'Carlier', 'Laporte', 'Bodin', 'Texier', 'Jolivet', 'Rabiller', 'Bouhier', 'Guilbaud', 'Bonnin',
  'Charrier', 'Chiron', 'Pineau', 'Brochard', 'Gaborit', 'Fradet', 'Ricou', 'Girardeau', "D'Almeida",
]);

export interface ForeignNames {
  male: readonly string[];
  female: readonly string[];
  last: readonly string[];
}

/** Guests from abroad get names of their country (Belgians and Swiss mostly French ones). */
export const FOREIGN_NAMES: Readonly<Record<'BE' | 'CH' | 'DE' | 'GB', ForeignNames>> = {
  BE: {
    male: ['Pieter', 'Wim', 'Luc', 'Jan', 'Koen', 'Olivier', 'Thomas', 'Philippe'],
    female: ['An', 'Els', 'Sofie', 'Katrien', 'Marie', 'Nathalie', 'Lotte', 'Julie'],
    last: ['Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Goossens', 'Dubois', 'Lambert'],
  },
  CH: {
    male: ['Laurent', 'Patrick', 'Nicolas', 'Daniel', 'Reto', 'Urs', 'Christophe'],
    female: ['Sandrine', 'Corinne', 'Nathalie', 'Ursula', 'Claudia', 'Sophie'],
    last: ['Favre', 'Rochat', 'Bonvin', 'Pittet', 'Blanc', 'Meier', 'Gerber', 'Perret', 'Jaquet'],
  },
  DE: {
    male: ['Lukas', 'Felix', 'Jonas', 'Stefan', 'Thomas', 'Michael', 'Andreas', 'Jürgen'],
    female: ['Anna', 'Lea', 'Hannah', 'Sabine', 'Katrin', 'Julia', 'Petra', 'Birgit'],
    last: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann'],
  },
  GB: {
    male: ['Oliver', 'James', 'George', 'Harry', 'William', 'Jack', 'Thomas', 'Richard'],
    female: ['Emily', 'Charlotte', 'Sophie', 'Amelia', 'Jessica', 'Olivia', 'Sarah', 'Helen'],
    last: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Evans', 'Walker'],
  },
};

/** "Jean-François Le Goff" → "jean-francois" / "legoff": lower case ASCII for e-mail local parts. */
export function emailPart(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z-]/g, '');
}
