import '@tandem/editor/style.css';
import '@tandem/editor/comments.css';
import './styles.css';
//# sourceMappingURL=main.d.ts.map