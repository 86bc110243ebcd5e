import { type GraphQLSchema, isListType, isNonNullType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { v2Schema } from './v2.js';
import { v3Schema } from './v3.js';

/** Every `type.field` whose value (or list item) the schema promises is never null. */
function nonNullFields(schema: GraphQLSchema, typeNames: string[]): string[] {
  const found: string[] = [];
  for (const typeName of typeNames) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`no object type ${typeName}`);
    for (const field of Object.values(type.getFields())) {
      const inner = isNonNullType(field.type) ? field.type.ofType : field.type;
      if (isNonNullType(field.type)) found.push(`${typeName}.${field.name}`);
      if (isListType(inner) && isNonNullType(inner.ofType))
        found.push(`${typeName}.${field.name}[]`);
    }
  }
  return found;
}

describe("v2's schema", () => {
  it('lets every field be null but the ids, as velog-server declares them', () => {
    const types = ['Query', 'User', 'UserProfile', 'Post', 'Stats', 'ReadCountByDay'];
    expect(nonNullFields(v2Schema, types)).toEqual(['User.id', 'UserProfile.id', 'Post.id']);
  });

  it('is looser than v3, which promises username, profile, tags and their items', () => {
    expect(nonNullFields(v3Schema, ['User', 'Post'])).toEqual(
      expect.arrayContaining(['User.username', 'User.profile', 'Post.tags', 'Post.tags[]']),
    );
  });
});
