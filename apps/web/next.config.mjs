/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // A second build directory lets a UI build run next to the one scripts/up or scripts/test serve.
  distDir: process.env.MEMEGRAPH_WEB_DIST_DIR || '.next',
  // The UI talks to the API through its own /api/v1 proxy route, so the browser never needs
  // CORS or an API token.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
    ];
  },
};

export default nextConfig;
