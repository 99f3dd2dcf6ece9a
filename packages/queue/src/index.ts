export {
  createRedis,
  describeRedisUrl,
  pingRedis,
  redisUrl,
  DEFAULT_REDIS_URL,
} from './connection.js';
