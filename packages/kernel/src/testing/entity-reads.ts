import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityName } from '@mikro-orm/core';

/**
 * What hydrating the rows of `ids` gives (`em.find`, in `em`'s transaction), as plain objects of
 * the entity's properties in the order of `ids`. A repository that reads a hot list as plain
 * objects instead (docs/decisions/0026) must return exactly these. Lazy properties (a user's
 * password hash) are left out: `em.find` does not load them, and plain reads do not select them.
 */
export async function hydratedAsPlain<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  ids: readonly string[],
): Promise<Record<string, unknown>[]> {
  const found = await em.find(entity, { id: { $in: [...ids] } } as never);
  const props = em
    .getMetadata()
    .get<T>(entity)
    .props.filter((prop) => !prop.lazy)
    .map((prop) => prop.name as string);
  const byId = new Map(found.map((e) => [e.id, Object.fromEntries(props.map((name) => [name, (e as Record<string, unknown>)[name]]))]));
  return ids.map((id) => byId.get(id) ?? { missing: id });
}
