// Columns every business table shares (see schema.ts for the conventions).
import { text } from 'drizzle-orm/sqlite-core';

export const timestamps = {
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
};

export const postalAddress = {
  addressLine1: text('address_line1').notNull().default(''),
  addressLine2: text('address_line2').notNull().default(''),
  addressLine3: text('address_line3').notNull().default(''),
  postcode: text('postcode').notNull().default(''),
  city: text('city').notNull().default(''),
  country: text('country').notNull().default('FR'),
};

/** Who a person is and how to reach them: owners and clients alike. */
export const person = {
  civility: text('civility', { enum: ['mr', 'mrs', 'none'] }).notNull().default('none'),
  firstName: text('first_name').notNull().default(''),
  lastName: text('last_name').notNull(),
  email: text('email').notNull().default(''),
  phone: text('phone').notNull().default(''),
};
