// Generated from packages/sdk/openapi.json by `pnpm --filter @sweepwise/web sdk-types`: do not edit.
export interface paths {
  '/sweeps': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Sweeps with progress and best value, newest first */
    get: operations['getSweeps'];
    put?: never;
    /** Create a sweep from JSON or a YAML sweep file (Content-Type: application/yaml) */
    post: operations['postSweeps'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/sweeps/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A sweep: settings and progress */
    get: operations['getSweepsId'];
    put?: never;
    post?: never;
    /** Delete the sweep and everything under it (409 while it runs or has running trials: cancel it first) */
    delete: operations['deleteSweepsId'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/sweeps/{id}/archive': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Archive: the sweep leaves the default list (409 while active) */
    post: operations['postSweepsIdArchive'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/sweeps/{id}/unarchive': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Bring an archived sweep back to the default list */
    post: operations['postSweepsIdUnarchive'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/sweeps/{id}/start': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Start a draft sweep */
    post: operations['postSweepsIdStart'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/sweeps/{id}/pause': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Pause: no new trials start */
    post: operations['postSweepsIdPause'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/sweeps/{id}/resume': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Resume a paused sweep */
    post: operations['postSweepsIdResume'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/sweeps/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Cancel: running trials stop at their next report */
    post: operations['postSweepsIdCancel'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/sweeps/{id}/clone': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** A new sweep with the same settings */
    post: operations['postSweepsIdClone'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/sweeps/{id}/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The sweep as a YAML sweep file */
    get: operations['getSweepsIdExport'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/sweeps/{id}/trials': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Trials as objects, paged by number */
    get: operations['getSweepsIdTrials'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/sweeps/{id}/table': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every trial as columns (what the dashboard draws) */
    get: operations['getSweepsIdTable'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/sweeps/{id}/curves': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Downsampled learning curves of one metric */
    get: operations['getSweepsIdCurves'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/sweeps/{id}/updates': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What changed since a cursor (live updates) */
    get: operations['getSweepsIdUpdates'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/sweeps/{id}/importance': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Parameter importance, cached by completed trials */
    get: operations['getSweepsIdImportance'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/sweeps/{id}/decisions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Early-stopping log, newest first */
    get: operations['getSweepsIdDecisions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/sweeps/{id}/promotions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Test evaluations, the test-set use count and its warning */
    get: operations['getSweepsIdPromotions'];
    put?: never;
    /** Promote a trial (default: the best) to the held-out test evaluation */
    post: operations['postSweepsIdPromotions'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/sweep-files/parse': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** { yaml } -> { body } */
    post: operations['postSweepFilesParse'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/sweep-files/format': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** create body -> { yaml } */
    post: operations['postSweepFilesFormat'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/trials/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A trial: config, curves, decisions, test evaluation */
    get: operations['getTrialsId'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/trials/{id}/curves': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every metric of the trial, downsampled */
    get: operations['getTrialsIdCurves'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/trials/{id}/decisions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The trial's stopping decisions */
    get: operations['getTrialsIdDecisions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/trials/{id}/promote': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Promote this trial */
    post: operations['postTrialsIdPromote'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/sweeps/{id}/ask': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** The next trial for the caller's own training loop (409 no_trial: none queued now) */
    post: operations['postSweepsIdAsk'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/trials/{id}/report': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** One step's metrics; answers whether to stop as known so far */
    post: operations['postTrialsIdReport'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/trials/{id}/heartbeat': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Keeps a running trial between reports; answers whether to stop */
    post: operations['postTrialsIdHeartbeat'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/trials/{id}/should-stop': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Whether the stopping rule stopped the trial */
    get: operations['getTrialsIdShouldStop'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/trials/{id}/tell': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** The trial's end: { value }, or { state: failed | pruned, error? } */
    post: operations['postTrialsIdTell'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/compare': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** 2-10 trials side by side */
    get: operations['getCompare'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    FieldIssue: {
      field: string;
      reason: string;
    };
    Error: {
      error: {
        /** @description unauthorized, cross_origin, misdirected, not_found, conflict, no_trial, payload_too_large, unsupported_media_type, invalid_request, promotion_failed or internal */
        code: string;
        message: string;
        issues: components['schemas']['FieldIssue'][];
      };
    };
    /** @description A sweep: workload, metric, parameters, algorithm, stopper and budget (docs/sweep-file.md) */
    SweepSpec: {
      name: string;
      workload: {
        engine?: {
          [key: string]: unknown;
        };
        command?: {
          program: string;
          args?: (string | number | boolean)[];
          env?: {
            [key: string]: unknown;
          };
          /** @default null */
          timeoutS?: number | null;
        };
        builtin?: {
          /** @enum {string} */
          objective: 'quadratic' | 'branin';
          /** @default 1 */
          steps?: number;
          /** @default 0 */
          stepSeconds?: number;
        };
        benchmark?: {
          algorithms: {
            [key: string]: {
              optimizer: {
                [key: string]: unknown;
              };
              schedule?: {
                [key: string]: unknown;
              };
              clipNorm?: number | null;
              regularization?: {
                [key: string]: unknown;
              };
              batchSize?: number;
            };
          };
          workloads: {
            [key: string]: {
              engine: {
                [key: string]: unknown;
              };
              target: {
                metric: string;
                min?: number;
                max?: number;
              };
            };
          };
          seeds: number;
          lrFactors?: number[];
        };
        external?: Record<string, never>;
      };
      metric?: {
        name: string;
        /** @enum {string} */
        goal: 'minimize' | 'maximize';
      };
      metrics?: {
        name: string;
        /** @enum {string} */
        goal: 'minimize' | 'maximize';
      }[];
      constraints?: {
        metric: string;
        max?: number;
        min?: number;
      }[];
      parameters?: {
        [key: string]: {
          [key: string]: unknown;
        };
      };
      algorithm: {
        /** @enum {string} */
        type:
          | 'grid'
          | 'random'
          | 'sobol'
          | 'evolution'
          | 'gp'
          | 'cmaes'
          | 'pbt'
          | 'tpe'
          | 'nsga2'
          | 'parego';
        seed?: number;
      } & {
        [key: string]: unknown;
      };
      /** @default null */
      stopper?:
        | ({
            /** @enum {string} */
            type: 'median' | 'percentile' | 'asha' | 'hyperband' | 'patience' | 'threshold';
            seed?: number;
          } & {
            [key: string]: unknown;
          })
        | null;
      budget: {
        maxTrials: number;
        /** @default 2 */
        maxConcurrentTrials?: number;
        /** @default null */
        maxWallTimeS?: number | null;
        maxFailedTrials?: number | null;
      };
    };
    Sweep: {
      id: string;
      name: string;
      spec: components['schemas']['SweepSpec'];
      /** @enum {string} */
      status: 'draft' | 'running' | 'paused' | 'finished' | 'cancelled' | 'failed';
      split: {
        [key: string]: unknown;
      } | null;
      error: string | null;
      /** Format: date-time */
      createdAt: string;
      startedAt: string | null;
      finishedAt: string | null;
    } & {
      [key: string]: unknown;
    };
    SweepProgress: {
      id: string;
      name: string;
      /** @enum {string} */
      status: 'draft' | 'running' | 'paused' | 'finished' | 'cancelled' | 'failed';
      trialsDone: number;
      trialsRunning: number;
      bestValue: number | null;
      /** Format: date-time */
      createdAt: string;
      startedAt: string | null;
      finishedAt: string | null;
      archivedAt: string | null;
      algorithm: string;
      objectiveMetric: string;
      /** @enum {string} */
      direction: 'minimize' | 'maximize';
      maxTrials: number;
    };
    SweepListItem: {
      id: string;
      name: string;
      /** @enum {string} */
      status: 'draft' | 'running' | 'paused' | 'finished' | 'cancelled' | 'failed';
      trialsDone: number;
      trialsRunning: number;
      bestValue: number | null;
      /** Format: date-time */
      createdAt: string;
      startedAt: string | null;
      finishedAt: string | null;
      archivedAt: string | null;
      metric: {
        name: string;
        /** @enum {string} */
        goal: 'minimize' | 'maximize';
      };
      algorithm: {
        type: string;
      };
      budget: {
        maxTrials: number;
      };
    };
    SweepDetail: {
      id: string;
      name: string;
      spec: components['schemas']['SweepSpec'];
      /** @enum {string} */
      status: 'draft' | 'running' | 'paused' | 'finished' | 'cancelled' | 'failed';
      split: {
        [key: string]: unknown;
      } | null;
      error: string | null;
      /** Format: date-time */
      createdAt: string;
      startedAt: string | null;
      finishedAt: string | null;
      progress: components['schemas']['SweepProgress'];
      /** @description Why the sweep's trials wait for a worker (no worker allows its command), or null */
      waiting: string | null;
    } & {
      [key: string]: unknown;
    };
    Trial: {
      id: string;
      sweepId: string;
      number: number;
      tunerTrialId: string | null;
      params: {
        [key: string]: unknown;
      };
      /** @enum {string} */
      state: 'queued' | 'running' | 'completed' | 'pruned' | 'failed' | 'cancelled';
      attempts: number;
      workerId: string | null;
      heartbeatAt: string | null;
      /** Format: date-time */
      queuedAt: string;
      startedAt: string | null;
      finishedAt: string | null;
      value: number | null;
      metrics: {
        [key: string]: unknown;
      } | null;
      stoppedAt: number | null;
      stopReason: string | null;
      error: string | null;
    };
    TrialWithSweep: {
      id: string;
      sweepId: string;
      number: number;
      tunerTrialId: string | null;
      params: {
        [key: string]: unknown;
      };
      /** @enum {string} */
      state: 'queued' | 'running' | 'completed' | 'pruned' | 'failed' | 'cancelled';
      attempts: number;
      workerId: string | null;
      heartbeatAt: string | null;
      /** Format: date-time */
      queuedAt: string;
      startedAt: string | null;
      finishedAt: string | null;
      value: number | null;
      metrics: {
        [key: string]: unknown;
      } | null;
      stoppedAt: number | null;
      stopReason: string | null;
      error: string | null;
      sweep: {
        id: string;
        name: string;
        spec: components['schemas']['SweepSpec'];
        /** @enum {string} */
        status: 'draft' | 'running' | 'paused' | 'finished' | 'cancelled' | 'failed';
      };
      _count: {
        checkpoints: number;
      };
    };
    TrialPage: {
      trials: components['schemas']['Trial'][];
      /** @description Pass back as `after` for the next page */
      next: number | null;
    };
    TrialTable: {
      paramNames: string[];
      numbers: number[];
      states: ('queued' | 'running' | 'completed' | 'pruned' | 'failed' | 'cancelled')[];
      values: (number | null)[];
      durationsS: (number | null)[];
      stoppedAt: (number | null)[];
      params: {
        [key: string]: (number | string | boolean | null)[];
      };
      /** @description The final value of each objective and bounded metric the sweep names (empty with one objective and no constraints) */
      metrics: {
        [key: string]: (number | null)[];
      };
    };
    DrawnCurve: {
      number: number;
      /** @enum {string} */
      state: 'queued' | 'running' | 'completed' | 'pruned' | 'failed' | 'cancelled';
      steps: number[];
      values: number[];
      stoppedAt: number | null;
      stopReason: string | null;
    };
    StopDecision: {
      /** @description The paging cursor (`before`) */
      id: string;
      trialNumber: number;
      step: number;
      rule: string;
      /** @enum {string} */
      decision: 'stop' | 'continue';
      value: number | null;
      threshold: number | null;
      rank: number | null;
      peers: number | null;
      reason: string;
      /** Format: date-time */
      createdAt: string;
    };
    TestEvaluation: {
      id: string;
      sweepId: string;
      trialId: string;
      /** @description 1 for the sweep's first use of its test set */
      sequence: number;
      config: {
        [key: string]: unknown;
      };
      metrics: {
        [key: string]: unknown;
      };
      splitHash: string;
      trainedOn: string;
      epochs: number;
      requestedBy: string;
      /** Format: date-time */
      createdAt: string;
    };
    StopAdvice: {
      stop: boolean;
      rule: string | null;
      reason: string | null;
    };
    AskedTrial: {
      trialId: string;
      number: number;
      params: {
        [key: string]: unknown;
      };
    };
    ToldTrial: {
      trialId: string;
      /** @enum {string} */
      state: 'completed' | 'failed' | 'pruned';
    };
    SweepList: {
      sweeps: components['schemas']['SweepListItem'][];
    };
    DeletedSweep: {
      deleted: string;
    };
    SweepCurves: {
      metric: string;
      curves: components['schemas']['DrawnCurve'][];
    };
    SweepUpdates: {
      /**
       * Format: date-time
       * @description Pass back as `after` on the next poll
       */
      cursor: string;
      summary: components['schemas']['SweepProgress'];
      trials: components['schemas']['TrialTable'];
      curves: components['schemas']['DrawnCurve'][];
      decisions: components['schemas']['StopDecision'][];
      /** @description A PBT sweep's exploit events and best member's lineage, else null */
      pbt:
        | ({
            events: {
              [key: string]: unknown;
            }[];
            best: {
              [key: string]: unknown;
            } | null;
          } & {
            [key: string]: unknown;
          })
        | null;
      waiting: string | null;
    };
    ParameterImportance: {
      completedTrials: number;
      importances: {
        param: string;
        importance: number;
      }[];
    };
    DecisionPage: {
      decisions: components['schemas']['StopDecision'][];
      /** @description Pass back as `before` for the next page */
      next: string | null;
    };
    TrialDecisions: {
      decisions: components['schemas']['StopDecision'][];
    };
    Promotions: {
      evaluations: {
        id: string;
        sweepId: string;
        trialId: string;
        /** @description 1 for the sweep's first use of its test set */
        sequence: number;
        config: {
          [key: string]: unknown;
        };
        metrics: {
          [key: string]: unknown;
        };
        splitHash: string;
        trainedOn: string;
        epochs: number;
        requestedBy: string;
        /** Format: date-time */
        createdAt: string;
        trial: {
          number: number;
          value: number | null;
          metrics: {
            [key: string]: unknown;
          } | null;
        };
      }[];
      uses: number;
      warning: string | null;
    };
    Promoted: {
      evaluation: components['schemas']['TestEvaluation'];
      created: boolean;
    };
    PromotionRunning: {
      /** @constant */
      status: 'running';
      jobId: string;
      trialId: string;
    };
    ParsedSweepFile: {
      body: components['schemas']['SweepSpec'];
    };
    FormattedSweepFile: {
      yaml: string;
    };
    TrialDetail: {
      trial: components['schemas']['TrialWithSweep'];
      /** @description Each metric by name */
      curves: {
        [key: string]: {
          steps: number[];
          values: number[];
        };
      };
      decisions: components['schemas']['StopDecision'][];
      testEvaluation: components['schemas']['TestEvaluation'] | null;
    };
    TrialCurveSet: {
      /** @description Each metric by name */
      curves: {
        [key: string]: {
          steps: number[];
          values: number[];
        };
      };
    };
    Comparison: {
      trials: {
        trial: components['schemas']['TrialWithSweep'];
        /** @description Each metric by name */
        curves: {
          [key: string]: {
            steps: number[];
            values: number[];
          };
        };
      }[];
    };
  };
  responses: {
    /** @description No session cookie and no (or a wrong) bearer token */
    Unauthorized: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description A write with the session cookie from another origin */
    CrossOrigin: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description No such sweep or trial */
    NotFound: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description The sweep's or trial's state does not allow it */
    Conflict: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description Body over the size limit (SWEEPWISE_MAX_BODY_BYTES) */
    TooLarge: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description Body not sent as one of the request body media types */
    UnsupportedMediaType: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description Host name not allowed (SWEEPWISE_ALLOWED_HOSTS) */
    Misdirected: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description Invalid request: issues name each field at fault and the reason */
    Invalid: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description Unexpected error; the server log has the details */
    Internal: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
  };
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  getSweeps: {
    parameters: {
      query?: {
        limit?: number;
        archived?: 'false' | 'true' | 'all';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SweepList'];
        };
      };
      401: components['responses']['Unauthorized'];
      421: components['responses']['Misdirected'];
      422: components['responses']['Invalid'];
      500: components['responses']['Internal'];
    };
  };
  postSweeps: {
    parameters: {
      query?: {
        status?: 'running' | 'draft';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SweepSpec'];
        'application/yaml': components['schemas']['SweepSpec'];
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Sweep'];
        };
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['CrossOrigin'];
      413: components['responses']['TooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      421: components['responses']['Misdirected'];
      422: components['responses']['Invalid'];
      500: components['responses']['Internal'];
    };
  };
  getSweepsId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SweepDetail'];
        };
      };
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      421: components['responses']['Misdirected'];
      500: components['responses']['Internal'];
    };
  };
  deleteSweepsId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DeletedSweep'];
        };
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['CrossOrigin'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      421: components['responses']['Misdirected'];
      500: components['responses']['Internal'];
    };
  };
  postSweepsIdArchive: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': Record<string, never>;
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Sweep'];
        };
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['CrossOrigin'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['TooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      421: components['responses']['Misdirected'];
      422: components['responses']['Invalid'];
      500: components['responses']['Internal'];
    };
  };
  postSweepsIdUnarchive: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': Record<string, never>;
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Sweep'];
        };
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['CrossOrigin'];
      404: components['responses']['NotFound'];
      413: components['responses']['TooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      421: components['responses']['Misdirected'];
      422: components['responses']['Invalid'];
      500: components['responses']['Internal'];
    };
  };
  postSweepsIdStart: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': Record<string, never>;
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Sweep'];
        };
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['CrossOrigin'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['TooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      421: components['responses']['Misdirected'];
      422: components['responses']['Invalid'];
      500: components['responses']['Internal'];
    };
  };
  postSweepsIdPause: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': Record<string, never>;
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Sweep'];
        };
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['CrossOrigin'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['TooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      421: components['responses']['Misdirected'];
      422: components['responses']['Invalid'];
      500: components['responses']['Internal'];
    };
  };
  postSweepsIdResume: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': Record<string, never>;
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Sweep'];
        };
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['CrossOrigin'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['TooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      421: components['responses']['Misdirected'];
      422: components['responses']['Invalid'];
      500: components['responses']['Internal'];
    };
  };
  postSweepsIdCancel: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': Record<string, never>;
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Sweep'];
        };
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['CrossOrigin'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['TooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      421: components['responses']['Misdirected'];
      422: components['responses']['Invalid'];
      500: components['responses']['Internal'];
    };
  };
  postSweepsIdClone: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          name?: string;
          /**
           * @default draft
           * @enum {string}
           */
          status?: 'running' | 'draft';
        };
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Sweep'];
        };
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['CrossOrigin'];
      404: components['responses']['NotFound'];
      413: components['responses']['TooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      421: components['responses']['Misdirected'];
      422: components['responses']['Invalid'];
      500: components['responses']['Internal'];
    };
  };
  getSweepsIdExport: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/yaml': string;
        };
      };
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      421: components['responses']['Misdirected'];
      500: components['responses']['Internal'];
    };
  };
  getSweepsIdTrials: {
    parameters: {
      query?: {
        after?: number;
        state?: 'queued' | 'running' | 'completed' | 'pruned' | 'failed' | 'cancelled';
        limit?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TrialPage'];
        };
      };
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      421: components['responses']['Misdirected'];
      422: components['responses']['Invalid'];
      500: components['responses']['Internal'];
    };
  };
  getSweepsIdTable: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TrialTable'];
        };
      };
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      421: components['responses']['Misdirected'];
      500: components['responses']['Internal'];
    };
  };
  getSweepsIdCurves: {
    parameters: {
      query?: {
        metric?: string;
        trials?: string;
        maxPoints?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SweepCurves'];
        };
      };
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      421: components['responses']['Misdirected'];
      422: components['responses']['Invalid'];
      500: components['responses']['Internal'];
    };
  };
  getSweepsIdUpdates: {
    parameters: {
      query: {
        after: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SweepUpdates'];
        };
      };
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      421: components['responses']['Misdirected'];
      422: components['responses']['Invalid'];
      500: components['responses']['Internal'];
    };
  };
  getSweepsIdImportance: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ParameterImportance'];
        };
      };
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      421: components['responses']['Misdirected'];
      500: components['responses']['Internal'];
    };
  };
  getSweepsIdDecisions: {
    parameters: {
      query?: {
        before?: string;
        decision?: 'stop' | 'continue';
        trial?: number;
        limit?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DecisionPage'];
        };
      };
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      421: components['responses']['Misdirected'];
      422: components['responses']['Invalid'];
      500: components['responses']['Internal'];
    };
  };
  getSweepsIdPromotions: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Promotions'];
        };
      };
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      421: components['responses']['Misdirected'];
      500: components['responses']['Internal'];
    };
  };
  postSweepsIdPromotions: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          trialId?: string;
          /**
           * @default train+validation
           * @enum {string}
           */
          trainOn?: 'train+validation' | 'train';
          /**
           * @default early-stopping
           * @enum {string}
           */
          epochs?: 'trial' | 'early-stopping';
          /** @default dashboard */
          requestedBy?: string;
        };
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Promoted'];
        };
      };
      /** @description 201 when this request ran the evaluation, 200 when the trial was promoted before */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Promoted'];
        };
      };
      /** @description The retrain outlasted the request: the evaluation lands later (GET promotions) */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PromotionRunning'];
        };
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['CrossOrigin'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['TooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      421: components['responses']['Misdirected'];
      422: components['responses']['Invalid'];
      500: components['responses']['Internal'];
    };
  };
  postSweepFilesParse: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          yaml: string;
        };
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ParsedSweepFile'];
        };
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['CrossOrigin'];
      413: components['responses']['TooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      421: components['responses']['Misdirected'];
      422: components['responses']['Invalid'];
      500: components['responses']['Internal'];
    };
  };
  postSweepFilesFormat: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SweepSpec'];
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FormattedSweepFile'];
        };
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['CrossOrigin'];
      413: components['responses']['TooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      421: components['responses']['Misdirected'];
      422: components['responses']['Invalid'];
      500: components['responses']['Internal'];
    };
  };
  getTrialsId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TrialDetail'];
        };
      };
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      421: components['responses']['Misdirected'];
      500: components['responses']['Internal'];
    };
  };
  getTrialsIdCurves: {
    parameters: {
      query?: {
        maxPoints?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TrialCurveSet'];
        };
      };
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      421: components['responses']['Misdirected'];
      422: components['responses']['Invalid'];
      500: components['responses']['Internal'];
    };
  };
  getTrialsIdDecisions: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TrialDecisions'];
        };
      };
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      421: components['responses']['Misdirected'];
      500: components['responses']['Internal'];
    };
  };
  postTrialsIdPromote: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          /**
           * @default train+validation
           * @enum {string}
           */
          trainOn?: 'train+validation' | 'train';
          /**
           * @default early-stopping
           * @enum {string}
           */
          epochs?: 'trial' | 'early-stopping';
          /** @default dashboard */
          requestedBy?: string;
        };
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Promoted'];
        };
      };
      /** @description 201 when this request ran the evaluation, 200 when the trial was promoted before */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Promoted'];
        };
      };
      /** @description The retrain outlasted the request: the evaluation lands later (GET promotions) */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PromotionRunning'];
        };
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['CrossOrigin'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['TooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      421: components['responses']['Misdirected'];
      422: components['responses']['Invalid'];
      500: components['responses']['Internal'];
    };
  };
  postSweepsIdAsk: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          /** @default client */
          client?: string;
        };
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AskedTrial'];
        };
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['CrossOrigin'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['TooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      421: components['responses']['Misdirected'];
      422: components['responses']['Invalid'];
      500: components['responses']['Internal'];
    };
  };
  postTrialsIdReport: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          step: number;
          metrics: {
            [key: string]: number;
          };
        };
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StopAdvice'];
        };
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['CrossOrigin'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['TooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      421: components['responses']['Misdirected'];
      422: components['responses']['Invalid'];
      500: components['responses']['Internal'];
    };
  };
  postTrialsIdHeartbeat: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StopAdvice'];
        };
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['CrossOrigin'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['TooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      421: components['responses']['Misdirected'];
      422: components['responses']['Invalid'];
      500: components['responses']['Internal'];
    };
  };
  getTrialsIdShouldStop: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StopAdvice'];
        };
      };
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      421: components['responses']['Misdirected'];
      500: components['responses']['Internal'];
    };
  };
  postTrialsIdTell: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          value?: number;
          /** @enum {string} */
          state?: 'failed' | 'pruned';
          error?: string;
        };
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ToldTrial'];
        };
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['CrossOrigin'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['TooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      421: components['responses']['Misdirected'];
      422: components['responses']['Invalid'];
      500: components['responses']['Internal'];
    };
  };
  getCompare: {
    parameters: {
      query: {
        trials: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Comparison'];
        };
      };
      401: components['responses']['Unauthorized'];
      421: components['responses']['Misdirected'];
      422: components['responses']['Invalid'];
      500: components['responses']['Internal'];
    };
  };
}
