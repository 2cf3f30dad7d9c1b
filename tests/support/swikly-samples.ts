// A Swikly request as Comptoir sends it for a week's stay from 12 July: 500 € deposit and a
// 1 200 € balance. Shared by the fake server's tests and the OpenAPI validator's.
export function sampleCreateBody(overrides: Record<string, unknown> = {}) {
  return {
    description: 'Caution — dossier AGB-2025-00123, Villa Les Pins',
    language: 'fr',
    customId: 'AGB-2025-00123',
    customIdMustBeUnique: true,
    firstName: 'Camille',
    lastName: 'Martin',
    email: 'camille.martin@example.fr',
    phoneNumber: '+33612345678',
    sendEmail: false,
    sendSms: false,
    deposit: { startDate: '2025-07-12', endDate: '2025-07-19', amount: 50_000 },
    payment: { amount: 120_000, dueDate: '2025-07-12' },
    ...overrides,
  };
}
