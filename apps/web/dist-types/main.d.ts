import '@tandem/editor/style.css';
import './styles.css';
//# sourceMappingURL=main.d.ts.map