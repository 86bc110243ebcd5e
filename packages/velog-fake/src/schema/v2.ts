import { buildSchema } from 'graphql';

/**
 * The subset of velopert/velog-server that the fake answers, with its typeDefs' nullability
 * (src/graphql/user.ts and post.ts): every field may be null but the ids, which is looser
 * than v3's (velog-api.md §3).
 */
export const V2_SDL = /* GraphQL */ `
  scalar Date

  type Query {
    auth: User
    posts(cursor: ID, limit: Int, username: String, temp_only: Boolean, tag: String): [Post]
    getStats(post_id: ID!): Stats
  }

  type User {
    id: ID!
    username: String
    email: String
    profile: UserProfile
  }

  type UserProfile {
    id: ID!
    display_name: String
    short_bio: String
    thumbnail: String
  }

  type Post {
    id: ID!
    title: String
    url_slug: String
    likes: Int
    views: Int
    released_at: Date
    updated_at: Date
    created_at: Date
    is_private: Boolean
    tags: [String]
    comments_count: Int
    short_description: String
    thumbnail: String
  }

  type Stats {
    total: Int
    count_by_day: [ReadCountByDay]
  }

  type ReadCountByDay {
    count: Int
    day: Date
  }
`;

export const v2Schema = buildSchema(V2_SDL);
