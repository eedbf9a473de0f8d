import { Module } from '@nestjs/common';
import { GraphBrowseRepository, Neo4jClient } from '@memegraph/graph';
import { GraphController } from './graph.controller';
import { GraphService } from './graph.service';
import { RootCausesController } from './root-causes.controller';

/** /v1/graph/* and /v1/root-causes. Neo4jClient comes from the global InfraModule. */
@Module({
  controllers: [GraphController, RootCausesController],
  providers: [GraphService, { provide: GraphBrowseRepository, inject: [Neo4jClient], useFactory: (db: Neo4jClient) => new GraphBrowseRepository(db) }],
})
export class GraphModule {}
