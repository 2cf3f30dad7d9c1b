// Places for the demo: the two agencies' coast, where guests and owners live, streets, and the
// words rental names are made of. Postcodes are the real ones of the towns they go with.

export interface Town {
  postcode: string;
  city: string;
}

export interface DemoAgencySpec {
  name: string;
  agencyRef: string;
  /** Prefix of property codes, e.g. "SAB" → SAB-001. */
  codePrefix: string;
  addressLine1: string;
  postcode: string;
  city: string;
  phone: string;
  email: string;
  senderEmail: string;
  /** Share of the demo's properties. */
  share: number;
  /** Flat "Frais de dossier" line. */
  feesCents: number;
  /** Towns where this agency's rentals are. */
  towns: readonly Town[];
  /** Landline prefix of the area, for local owners. */
  landline: string;
}

export const DEMO_AGENCIES: readonly DemoAgencySpec[] = [
  {
    name: 'Agence des Sables',
    agencyRef: 'SABLES',
    codePrefix: 'SAB',
    addressLine1: '14 promenade Georges Clemenceau',
    postcode: '85100',
    city: "Les Sables-d'Olonne",
    phone: '02 51 95 14 20',
    email: 'contact@agence-des-sables.example.fr',
    senderEmail: 'reservations@agence-des-sables.example.fr',
    share: 0.57,
    feesCents: 2500,
    landline: '02 51',
    towns: [
      { postcode: '85100', city: "Les Sables-d'Olonne" },
      { postcode: '85100', city: "Les Sables-d'Olonne" },
      { postcode: '85180', city: "Les Sables-d'Olonne" },
      { postcode: '85340', city: "Les Sables-d'Olonne" },
      { postcode: '85440', city: 'Talmont-Saint-Hilaire' },
      { postcode: '85800', city: 'Saint-Gilles-Croix-de-Vie' },
      { postcode: '85470', city: 'Bretignolles-sur-Mer' },
      { postcode: '85470', city: 'Brem-sur-Mer' },
      { postcode: '85520', city: 'Jard-sur-Mer' },
      { postcode: '85150', city: 'Saint-Mathurin' },
    ],
  },
  {
    name: 'Agence du Port',
    agencyRef: 'PORT',
    codePrefix: 'POR',
    addressLine1: '3 quai Duperré',
    postcode: '17000',
    city: 'La Rochelle',
    phone: '05 46 41 23 45',
    email: 'contact@agence-du-port.example.fr',
    senderEmail: 'reservations@agence-du-port.example.fr',
    share: 0.43,
    feesCents: 2000,
    landline: '05 46',
    towns: [
      { postcode: '17000', city: 'La Rochelle' },
      { postcode: '17000', city: 'La Rochelle' },
      { postcode: '17340', city: 'Châtelaillon-Plage' },
      { postcode: '17440', city: 'Aytré' },
      { postcode: '17690', city: 'Angoulins' },
      { postcode: '17450', city: 'Fouras' },
      { postcode: '17940', city: 'Rivedoux-Plage' },
      { postcode: '17630', city: 'La Flotte' },
      { postcode: '17410', city: 'Saint-Martin-de-Ré' },
      { postcode: '17580', city: 'Le Bois-Plage-en-Ré' },
      { postcode: '17590', city: 'Ars-en-Ré' },
    ],
  },
];

/** Where French guests and owners live (inland cities come more often, as they do in real files). */
export const FRENCH_TOWNS: readonly Town[] = [
  ['75011', 'Paris'], ['75015', 'Paris'], ['75017', 'Paris'], ['75020', 'Paris'],
  ['92100', 'Boulogne-Billancourt'], ['78000', 'Versailles'], ['94300', 'Vincennes'], ['91300', 'Massy'],
  ['93100', 'Montreuil'], ['44000', 'Nantes'], ['44300', 'Nantes'], ['49000', 'Angers'], ['49300', 'Cholet'],
  ['85000', 'La Roche-sur-Yon'], ['79000', 'Niort'], ['86000', 'Poitiers'], ['37000', 'Tours'],
  ['72000', 'Le Mans'], ['35000', 'Rennes'], ['45000', 'Orléans'], ['41000', 'Blois'],
  ['36000', 'Châteauroux'], ['87000', 'Limoges'], ['33000', 'Bordeaux'], ['16000', 'Angoulême'],
  ['17100', 'Saintes'], ['69003', 'Lyon'], ['69006', 'Lyon'], ['63000', 'Clermont-Ferrand'],
  ['42000', 'Saint-Étienne'], ['59000', 'Lille'], ['59100', 'Roubaix'], ['62000', 'Arras'],
  ['80000', 'Amiens'], ['76000', 'Rouen'], ['14000', 'Caen'], ['51100', 'Reims'], ['67000', 'Strasbourg'],
  ['68100', 'Mulhouse'], ['57000', 'Metz'], ['54000', 'Nancy'], ['21000', 'Dijon'], ['25000', 'Besançon'],
  ['38000', 'Grenoble'], ['31000', 'Toulouse'], ['34000', 'Montpellier'], ['13008', 'Marseille'],
  ['06000', 'Nice'], ['18000', 'Bourges'], ['58000', 'Nevers'], ['03100', 'Montluçon'], ['28000', 'Chartres'],
  ['60200', 'Compiègne'], ['77300', 'Fontainebleau'], ['53000', 'Laval'], ['61000', 'Alençon'],
  ['50100', 'Cherbourg-en-Cotentin'], ['29200', 'Brest'], ['56100', 'Lorient'], ['22000', 'Saint-Brieuc'],
  ['10000', 'Troyes'], ['89000', 'Auxerre'], ['85300', 'Challans'], ['79300', 'Bressuire'],
].map(([postcode, city]) => ({ postcode: postcode!, city: city! }));

export const FOREIGN_TOWNS: Readonly<Record<'BE' | 'CH' | 'DE' | 'GB', readonly Town[]>> = {
  BE: [
    { postcode: '1000', city: 'Bruxelles' }, { postcode: '1050', city: 'Ixelles' }, { postcode: '4000', city: 'Liège' },
    { postcode: '5000', city: 'Namur' }, { postcode: '1300', city: 'Wavre' }, { postcode: '9000', city: 'Gent' },
  ],
  CH: [
    { postcode: '1201', city: 'Genève' }, { postcode: '1003', city: 'Lausanne' }, { postcode: '2000', city: 'Neuchâtel' },
    { postcode: '1700', city: 'Fribourg' }, { postcode: '8001', city: 'Zürich' }, { postcode: '3011', city: 'Bern' },
  ],
  DE: [
    { postcode: '10115', city: 'Berlin' }, { postcode: '80331', city: 'München' }, { postcode: '50667', city: 'Köln' },
    { postcode: '20095', city: 'Hamburg' }, { postcode: '60311', city: 'Frankfurt am Main' },
    { postcode: '70173', city: 'Stuttgart' },
  ],
  GB: [
    { postcode: 'N1 9GU', city: 'London' }, { postcode: 'M1 1AE', city: 'Manchester' },
    { postcode: 'BS1 4DJ', city: 'Bristol' }, { postcode: 'OX1 2JD', city: 'Oxford' },
    { postcode: 'EH1 1YZ', city: 'Edinburgh' },
  ],
};

export const TOWN_STREETS: readonly string[] = [
  'rue de la République', 'avenue Victor Hugo', 'rue Jean Jaurès', 'boulevard du Général de Gaulle',
  'rue Pasteur', 'allée des Lilas', 'rue de la Gare', 'chemin du Moulin', 'rue des Écoles', "place de l'Église",
  'rue Gambetta', 'avenue Jules Ferry', 'rue du Château', 'allée des Tilleuls', 'rue de la Mairie',
  'rue Émile Zola', 'boulevard Carnot', 'avenue de Verdun', 'impasse du Stade', 'rue des Acacias',
  'rue Voltaire', 'rue de la Paix', 'avenue Anatole France', 'rue du Commerce', 'rue de Bretagne',
  'allée des Peupliers', 'rue Saint-Martin', 'rue du 8 Mai 1945', 'avenue Foch', 'rue des Jardins',
];

export const COAST_STREETS: readonly string[] = [
  'avenue de la Plage', 'rue des Sauniers', 'promenade Georges Clemenceau', 'rue du Phare', 'allée des Pins',
  'chemin des Dunes', 'rue des Mouettes', "boulevard de l'Océan", 'rue de la Corniche', 'impasse des Tamaris',
  'rue du Port', 'quai de la Chaume', 'rue des Pêcheurs', 'avenue Rhin et Danube', 'rue de la Forêt',
  'allée des Mimosas', 'rue des Hortensias', 'chemin de la Grève', 'rue des Embruns', 'avenue des Salines',
  'rue des Marais', "rue de l'Abbaye", 'place du Marché', 'rue Saint-Nicolas', 'rue des Goélands',
  'chemin du Fort', 'rue des Écluses', 'boulevard Pasteur', 'rue du Sémaphore', 'allée des Cormorans',
];

export const FOREIGN_STREETS: Readonly<Record<'DE' | 'GB', readonly string[]>> = {
  DE: ['Hauptstraße', 'Bahnhofstraße', 'Gartenstraße', 'Schulstraße', 'Lindenweg', 'Bergstraße'],
  GB: ['High Street', 'Church Lane', 'Station Road', 'Mill Road', 'Victoria Road', 'Queens Avenue'],
};

/** Names that follow a type: "Villa Les Mouettes". */
export const PLACE_NAMES: readonly string[] = [
  'Les Mouettes', 'Les Pins', 'Les Tamaris', 'Les Embruns', 'La Dune', "L'Oyat", 'Le Phare', 'La Salicorne',
  'Les Goélands', 'Les Hortensias', 'Le Grand Large', "L'Estran", 'La Vigie', "Les Sables d'Or",
  'Les Roses Trémières', 'Le Mimosa', 'La Caravelle', 'Les Salines', 'Le Chenal', 'La Conche', 'Ker Avel',
  'Ker Héol', 'La Marine', "L'Écume", 'Les Cormorans', 'Le Sémaphore', 'Les Coquillages', 'La Boussole',
  'Le Corsaire', 'Les Voiles', 'Les Chênes Verts', "L'Albatros", 'Les Agapanthes', 'La Roseraie',
  'La Pinède', 'Les Figuiers', 'Le Mascaret', 'Les Alizés', 'Le Galion', 'La Perle', "L'Horizon",
  'Les Bruyères', 'Le Carrelet', 'La Bernache', 'Les Lauriers', 'Le Fanal', 'Les Oyats', 'La Grande Conche',
  'Le Grand Bleu', 'Les Courlis', 'Les Pierres Blanches', 'La Passe', 'Le Petit Port', "L'Aiguillon",
  'Les Hirondelles', 'Le Vieux Puits', 'La Tonnelle', 'Les Glycines', 'Le Clos Fleuri', 'Les Sternes',
  'Le Bélouga', 'La Frégate', 'Les Salicaires', "L'Anse", 'Le Ponant', 'Les Huîtrières', 'La Cabane',
];

/** Villas and houses are often named after someone: "Villa Marguerite". */
export const HOUSE_GIVEN_NAMES: readonly string[] = [
  'Marguerite', 'Jeanne', 'Germaine', 'Suzanne', 'Madeleine', 'Yvonne', 'Odette', 'Simone', 'Louise',
  'Marie-Thérèse', 'Paulette', 'Lucienne', 'Gabrielle', 'Henriette', 'Mathilde', 'Joséphine', 'Augustine',
  'Berthe', 'Eugénie', 'Clémentine', 'Léontine', 'Alice', 'Rose', 'Blanche', 'Marthe', 'Ker Anna',
];

/** Names that follow "des"/"du"/"de la": "Maison des Pins". */
export const OF_NAMES: readonly string[] = [
  'des Pins', 'du Phare', 'de la Dune', "de l'Océan", 'des Marais', 'du Port', 'des Pêcheurs', 'des Sauniers',
  'de la Plage', 'des Tamaris', 'du Moulin', 'des Vignes', 'de la Forêt', 'des Goélands', 'du Fort',
];

/** Qualifiers of flats: "Appartement Front de Mer T2". */
export const FLAT_QUALIFIERS: readonly string[] = [
  'Front de Mer', 'Vue Mer', 'Centre-Ville', 'du Port', 'des Halles', 'Bord de Mer', 'Vieux Port', 'Les Minimes',
  'La Chaume', 'Le Remblai', 'Grande Plage', 'Les Tamaris',
];
