import type { Resolvers } from '../../generated/graphql.js';
import { firstRelatedOf, relatedOf } from '../entity/resolve.js';
import { sourcesField } from '../entity/resolvers.js';
import { isEntityRecord, type EntityRecord } from '../entity/mappers.js';
import type { Context } from '../../context.js';
import type { ProjectRecord } from './mappers.js';

const projects = (parent: { id: string }, _args: unknown, ctx: Context) => ctx.loaders.participations.load(parent.id);

export const researchResolvers: Resolvers = {
  Project: {
    ...sourcesField,
    participations: projects,
  },
  Organisation: {
    ...sourcesField,
    kommune: (organisation, _args, ctx) => firstRelatedOf(ctx, 'Organisation.kommune', organisation.id, 'Kommune'),
    projects,
  },
  ProjectParticipation: {
    project: async (participation, _args, ctx) => {
      const project = await ctx.loaders.node.load(participation.projectId);
      if (project?.type !== 'Project') throw new Error(`participation of ${participation.participantId} names no project ${participation.projectId}`);
      return project as ProjectRecord;
    },
    organisation: async (participation, _args, ctx) => {
      const organisation = await ctx.loaders.node.load(participation.participantId);
      if (!organisation || !isEntityRecord(organisation)) throw new Error(`no participant ${participation.participantId}`);
      return organisation as EntityRecord;
    },
  },
  Company: { projects },
  School: { projects },
  Kommune: {
    projects: (kommune, _args, ctx) => relatedOf(ctx, 'Kommune.projects', kommune.id, 'Project'),
  },
};
