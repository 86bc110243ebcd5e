import { buildSchema } from 'graphql';

/** The subset of velog-io/velog `apps/server` that the fake answers (velog-api.md §3). */
export const V3_SDL = /* GraphQL */ `
  scalar Date

  type Query {
    currentUser: User
    posts(input: GetPostsInput!): [Post!]!
  }

  input GetPostsInput {
    cursor: ID
    username: String
    temp_only: Boolean
    tag: String
    limit: Int
  }

  type User {
    id: ID!
    username: String!
    email: String
    profile: UserProfile!
  }

  type UserProfile {
    id: ID!
    display_name: String!
    short_bio: String!
    thumbnail: String
  }

  type Post {
    id: ID!
    title: String
    url_slug: String
    likes: Int
    views: Int
    released_at: Date
    updated_at: Date!
    created_at: Date!
    is_private: Boolean!
    tags: [String!]!
    comments_count: Int
    short_description: String
    thumbnail: String
  }
`;

export const v3Schema = buildSchema(V3_SDL);
