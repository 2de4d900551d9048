/** Tailwind 4 runs as a PostCSS plugin; it needs no config file of its own. */
const config = {
  plugins: { '@tailwindcss/postcss': {} },
};

export default config;
